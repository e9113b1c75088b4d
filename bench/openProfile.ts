/**
 * Where the time goes when Chromium opens a large map: `tsx openProfile.ts [options]`.
 * Not a figure of `pnpm bench` (that is `browser.ts`); a tool for finding what to make faster.
 *
 *   --claims=1000         size of the generated map
 *   --runs=3              measured opens per client build (after one unmeasured warm-up)
 *   --dist=DIR[,DIR...]   built clients to compare (default: build this checkout's); with
 *                         several, opens alternate between them so machine load hits each alike
 *   --reopen              also open each map a second time in the same context (IndexedDB warm)
 *   --cpu                 record a CPU profile and attribute its samples to source files
 *   --relays=DIR[,DIR...] the checkout whose relay serves each dist (default: this one), to
 *                         compare relay changes too: `--relays=../../main,..` (from bench/)
 *   --keep-rooms          relays keep maps loaded between opens (no idle unload after 30 s),
 *                         so a slow machine's runs do not each load the map again
 *   --dump=DIR            write each open's marks, trace events and CPU profile as JSON there
 *
 * For each open it prints the client's `warrant:*` performance marks (ms from navigation),
 * the main thread's time by kind from a Chromium trace (script compile, script run, style
 * and layout, paint, garbage collection), and with `--cpu` the heaviest source files by self
 * time (bundle positions mapped back through the build's source maps).
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { exportMap } from '@warrant/shared';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { SourceMapConsumer } from 'source-map-js';
import { ARGS, buildClient, CHROMIUM } from './browser.ts';
import { generateMap } from './coldsync.ts';
import { Args } from './lib/args.ts';
import { importIntoWarrant, startWarrant, type ServerUnderTest } from './lib/servers.ts';
import { median, round } from './lib/stats.ts';

const args = new Args();
const claims = Number(args.value('claims') ?? 1000);
const runs = Number(args.value('runs') ?? 3);
const reopen = args.flag('reopen');
const cpu = args.flag('cpu');
const dists = args.list('dist') ?? [buildClient()];
const relays = args.list('relays') ?? [];
const keepRooms = args.flag('keep-rooms');
const dump = args.value('dump');
if (dump) mkdirSync(dump, { recursive: true });

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time: unlike `dur`, not inflated while other processes hold the cores. */
  tdur?: number;
  tid: number;
  pid: number;
  args?: { data?: { frame?: string; url?: string; documentLoaderURL?: string } } & Record<
    string,
    unknown
  >;
}

/**
 * Main-thread CPU time by kind, ms, from navigation start to `until` (trace microseconds).
 * Thread time, not wall time, so it compares across runs on a loaded machine.
 */
function mainThreadTime(events: TraceEvent[], from: number, until: number) {
  const main = events.find(
    (e) =>
      e.name === 'TracingStartedInBrowser' ||
      (e.name === 'thread_name' && e.args?.['name'] === 'CrRendererMain'),
  );
  const rendererMain = events.filter(
    (e) => e.name === 'thread_name' && e.args?.['name'] === 'CrRendererMain',
  );
  void main;
  const mains = new Set(rendererMain.map((e) => `${e.pid}:${e.tid}`));
  const kinds: Record<string, number> = {};
  const add = (k: string, ms: number) => (kinds[k] = (kinds[k] ?? 0) + ms);
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined || !mains.has(`${e.pid}:${e.tid}`)) continue;
    if (e.ts < from || e.ts > until) continue;
    const ms = (e.tdur ?? e.dur) / 1000;
    switch (e.name) {
      case 'v8.compile':
      case 'v8.compileModule':
      case 'V8.CompileCode':
      case 'v8.parseOnBackground':
        add('compile', ms);
        break;
      case 'EvaluateScript':
      case 'v8.evaluateModule':
        add('evaluate (top level of modules)', ms);
        break;
      case 'FunctionCall':
      case 'TimerFire':
      case 'FireAnimationFrame':
      case 'EventDispatch':
      case 'RunMicrotasks':
      case 'v8.run':
        add(`script: ${e.name}`, ms);
        break;
      case 'UpdateLayoutTree':
      case 'RecalculateStyles':
        add('style', ms);
        break;
      case 'Layout':
        add('layout', ms);
        break;
      case 'Paint':
      case 'PaintImage':
      case 'UpdateLayerTree':
      case 'Layerize':
      case 'PrePaint':
      case 'Commit':
        add('paint', ms);
        break;
      case 'MajorGC':
      case 'MinorGC':
      case 'V8.GC_MARK_COMPACTOR':
      case 'V8.GC_SCAVENGER':
        add('gc', ms);
        break;
      case 'ParseHTML':
        add('parse html', ms);
        break;
      case 'RunTask':
        add('(all tasks)', ms);
        break;
      default:
        break;
    }
  }
  return Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, round(v)]));
}

interface CpuProfile {
  nodes: {
    id: number;
    children?: number[];
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  }[];
  samples: number[];
  timeDeltas: number[];
  /** Trace clock, microseconds: the same clock as the trace's events. */
  startTime: number;
}

/** The profile's samples taken between `from` and `until` (trace microseconds) only. */
function slice(profile: CpuProfile, from: number, until: number): CpuProfile {
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    if (t < from || t > until) return;
    samples.push(id);
    timeDeltas.push(dt);
  });
  return { ...profile, samples, timeDeltas };
}

const consumers = new Map<string, SourceMapConsumer | null>();
function consumerFor(dist: string, url: string): SourceMapConsumer | null {
  const file = url.replace(/^https?:\/\/[^/]+\//, '');
  const key = `${dist}|${file}`;
  if (!consumers.has(key)) {
    try {
      const raw = readFileSync(join(dist, `${file}.map`), 'utf8');
      consumers.set(key, new SourceMapConsumer(JSON.parse(raw)));
    } catch {
      consumers.set(key, null);
    }
  }
  return consumers.get(key) ?? null;
}

/** Where a source file belongs: a package under node_modules, or a folder of our code. */
function bucket(source: string): string {
  const nm = source.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = source.slice(nm + 13).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const m = /(client|shared)\/src\/(.+)$/.exec(source);
  return m ? `${m[1]}/${m[2]}` : source;
}

type CallFrame = CpuProfile['nodes'][number]['callFrame'];

/** Where a frame of a page of `dist` stands in the sources, through the build's source maps. */
function sourceOf(dist: string, frame: CallFrame) {
  if (!frame.url) return null;
  const pos = consumerFor(dist, frame.url)?.originalPositionFor({
    line: frame.lineNumber + 1,
    column: frame.columnNumber,
  });
  return pos?.source ? { ...pos, source: pos.source } : null;
}

/** The profile's call tree: each node's call frame, and each node's caller. */
function callTree(profile: CpuProfile) {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  return { parent, byNode };
}

/** Self time (ms) by package or source file, from a CPU profile of a page of `dist`. */
function attribute(profile: CpuProfile, dist: string, top = 25) {
  const { byNode } = callTree(profile);
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byNode.get(id);
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    if (!frame) return;
    let key = frame.functionName || '(anonymous)';
    if (frame.url) {
      const pos = sourceOf(dist, frame);
      key = pos ? bucket(pos.source) : frame.url.replace(/^.*\//, '');
    } else if (!key.startsWith('(')) key = `(native) ${key}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, v]) => [k, round(v)] as const);
}

/** Inclusive time (ms) of our own functions (and Yjs's entry points), by source and name. */
function inclusive(profile: CpuProfile, dist: string, top = 60) {
  const { parent, byNode } = callTree(profile);
  const keyOf = new Map<number, string | null>();
  const key = (id: number): string | null => {
    if (keyOf.has(id)) return keyOf.get(id)!;
    const f = byNode.get(id)!;
    let k: string | null = null;
    const pos = sourceOf(dist, f);
    if (pos) {
      const b = bucket(pos.source);
      const ours = b.startsWith('client/') || b.startsWith('shared/');
      const wanted = ours || /^(yjs|y-indexeddb|y-websocket|@xyflow|zod)/.test(b);
      if (wanted) k = `${b}:${pos.line} ${f.functionName || pos.name || '(anonymous)'}`;
    }
    keyOf.set(id, k);
    return k;
  };
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const k = key(n);
      if (k && !seen.has(k)) {
        seen.add(k);
        total.set(k, (total.get(k) ?? 0) + dt);
      }
    }
  });
  return [...total.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, v]) => [k, round(v)] as const);
}

/**
 * The profile as a timeline: for each `slotMs` slice between `from` and `until` (trace
 * microseconds), the busiest entry points of our code (each sample's outermost client or
 * shared frame, else its package) and how much of the slice they took.
 */
function timeline(profile: CpuProfile, dist: string, from: number, until: number, slotMs = 50) {
  const { parent, byNode } = callTree(profile);
  const where = (id: number): string => {
    const f = byNode.get(id)!;
    if (!f.url) return f.functionName || '(anonymous)';
    const pos = sourceOf(dist, f);
    return pos ? `${bucket(pos.source)}:${pos.line}` : f.url.replace(/^.*\//, '');
  };
  const entry = new Map<number, string>();
  const entryOf = (leaf: number): string => {
    const cached = entry.get(leaf);
    if (cached) return cached;
    let outer: string | null = null;
    let pkg: string | null = null;
    for (let n: number | undefined = leaf; n !== undefined; n = parent.get(n)) {
      const w = where(n);
      if (/^(client|shared)\//.test(w)) outer = w;
      else if (w !== '(root)' && !w.startsWith('(')) pkg = w.replace(/:\d+$/, '');
    }
    const k = outer ?? pkg ?? where(leaf);
    entry.set(leaf, k);
    return k;
  };
  const slots = new Map<number, Map<string, number>>();
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    if (t < from || t > until) return;
    const k = entryOf(id);
    if (k === '(idle)') return;
    const slot = Math.floor((t - from) / 1000 / slotMs);
    const m = slots.get(slot) ?? new Map<string, number>();
    m.set(k, (m.get(k) ?? 0) + dt / 1000);
    slots.set(slot, m);
  });
  return [...slots.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([slot, m]) => {
      const top = [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4);
      return `+${slot * slotMs}: ${top.map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}`;
    });
}
const CARDS_AT = `new MutationObserver((_, observer) => {
  if (!document.querySelector('.react-flow__node')) return;
  window.warrantCardsAt = performance.now();
  observer.disconnect();
  // React Flow keeps a card hidden until it has measured it: checked at each frame after.
  const shown = () => {
    for (const node of document.querySelectorAll('.react-flow__node')) {
      if (getComputedStyle(node).visibility === 'visible') {
        window.warrantCardsShownAt = performance.now();
        return;
      }
    }
    requestAnimationFrame(shown);
  };
  requestAnimationFrame(shown);
}).observe(document, { childList: true, subtree: true });`;

async function marks(page: Page): Promise<Record<string, number>> {
  return (await page.evaluate(`(() => {
    const out = {};
    for (const m of performance.getEntriesByType('mark'))
      if (m.name.startsWith('warrant:') && !(m.name in out)) out[m.name] = Math.round(m.startTime);
    for (const m of performance.getEntriesByType('measure'))
      if (m.name.startsWith('warrant:') && !m.name.startsWith('warrant:refresh'))
        out[m.name + ' took ' + Math.round(m.duration)] = Math.round(m.startTime + m.duration);
    for (const r of performance.getEntriesByType('resource'))
      if (r.name.includes('/assets/')) out['loaded ' + r.name.replace(/^.*\\//, '')] = Math.round(r.responseEnd);
    for (const p of performance.getEntriesByType('paint')) out[p.name] = Math.round(p.startTime);
    if (window.warrantCardsAt !== undefined) out['cards in page'] = Math.round(window.warrantCardsAt);
    if (window.warrantCardsShownAt !== undefined) out['cards shown'] = Math.round(window.warrantCardsShownAt);
    // The device's picture of the map (in a closed shadow root: no selector reaches it).
    const picture = performance.getEntriesByName('warrant:picture')[0];
    if (picture?.detail?.cards?.length) out['picture cards'] = Math.round(picture.startTime);
    return out;
  })()`)) as Record<string, number>;
}

async function openOnce(
  browser: Browser,
  url: string,
  dist: string,
  label: string,
): Promise<{ firstCards: number; interactive: number; reopenCards?: number }> {
  try {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      bypassCSP: true,
    });
    await context.addInitScript({ content: "localStorage.setItem('warrant.name', 'Bench')" });
    // When a card is first in the page, seen from inside it: waiting from here for a locator
    // also waits for the page's main thread, which is busy right after the first paint.
    await context.addInitScript({ content: CARDS_AT });
    const page = await context.newPage();
    const cdp: CDPSession = await context.newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (d) => {
      events.push(...(d.value as unknown as TraceEvent[]));
    });
    await cdp.send('Tracing.start', {
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8',
        'v8.execute',
        'blink.user_timing',
        '__metadata',
      ].join(','),
      transferMode: 'ReportEvents',
    });
    if (cpu) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const t0 = Date.now();
    await page.goto(url);
    await page.locator('.react-flow__node').first().waitFor({ timeout: 120_000 });
    const firstCards = Date.now() - t0;
    await page.getByRole('button', { name: 'Add claim', exact: true }).click();
    await page.waitForFunction("!!document.activeElement?.closest('.ProseMirror')", null, {
      timeout: 120_000,
    });
    const interactive = Date.now() - t0;
    const profile = cpu
      ? ((await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }).profile
      : null;
    const done = new Promise<void>((resolve) =>
      cdp.once('Tracing.tracingComplete', () => resolve()),
    );
    await cdp.send('Tracing.end');
    await done;
    const m = await marks(page);
    if (dump) {
      const file = join(dump, `${label.replace(/\W+/g, '-')}-${Date.now()}.json`);
      writeFileSync(file, JSON.stringify({ marks: m, events, profile }));
      out(`  raw trace and profile: ${file}`);
    }
    // The map page's own navigation (the marks' time origin), not the blank page's before it.
    const nav = events.find(
      (e) =>
        e.name === 'navigationStart' &&
        (e.args?.data?.url ?? e.args?.data?.documentLoaderURL)?.includes('/maps/'),
    );
    // This Chromium's navigationStart names no URL: then the origin is found from a mark the
    // page made (its trace timestamp less its time from navigation), not the trace's first
    // event, which comes before the navigation and shifted every phase's window earlier.
    const marked = events.find((e) => e.name.startsWith('warrant:') && m[e.name] !== undefined);
    const start =
      nav?.ts ??
      (marked ? marked.ts - (m[marked.name] ?? 0) * 1000 : undefined) ??
      Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
    const focusAt = start + interactive * 1000 + 1e6;
    out(`\n[${label}] first cards ${firstCards} ms, interactive ${interactive} ms`);
    out(
      `  marks: ${Object.entries(m)
        .sort((a, b) => a[1] - b[1])
        .map(([k, v]) => `${k.replace('warrant:', '')} ${v}`)
        .join(' · ')}`,
    );
    out(`  main thread (ms): ${JSON.stringify(mainThreadTime(events, start, focusAt))}`);
    // Wall and main-thread time of the phases after the first sync (issue 18's "render").
    const synced = m['warrant:synced'];
    if (synced !== undefined) {
      const phase = (a: number, b: number) =>
        `${b - a}/${mainThreadTime(events, start + a * 1000, start + b * 1000)['(all tasks)'] ?? 0}`;
      out(
        `  phases (wall/thread ms): synced → first cards ${phase(synced, firstCards)}, first cards → caret ${phase(firstCards, interactive)}`,
      );
      // The same phases' main-thread time by kind (script, style, layout, compile, gc...).
      const kinds = (a: number, b: number) =>
        JSON.stringify(mainThreadTime(events, start + a * 1000, start + b * 1000));
      out(`    synced → first cards by kind: ${kinds(synced, firstCards)}`);
      out(`    first cards → caret by kind: ${kinds(firstCards, interactive)}`);
    }
    if (profile) {
      out('  self time by source (ms):');
      for (const [k, v] of attribute(profile, dist)) out(`    ${String(v).padStart(8)}  ${k}`);
      out('  inclusive time (ms):');
      for (const [k, v] of inclusive(profile, dist)) out(`    ${String(v).padStart(8)}  ${k}`);
      // The same, phase by phase: to the first sync, from it to the first cards, from those
      // to the caret in the new claim.
      const at = (ms: number | undefined) => (ms === undefined ? undefined : start + ms * 1000);
      const phases: [string, number | undefined, number | undefined][] = [
        ['navigation → synced', start, at(m['warrant:synced'])],
        ['synced → first cards', at(m['warrant:synced']), at(firstCards)],
        ['first cards → interactive', at(firstCards), at(interactive)],
      ];
      for (const [name, from, until] of phases) {
        if (from === undefined || until === undefined) continue;
        const part = slice(profile, from, until);
        out(`  ${name}: self time (ms)`);
        for (const [k, v] of attribute(part, dist, 12)) out(`    ${String(v).padStart(8)}  ${k}`);
        out(`  ${name}: inclusive time (ms)`);
        for (const [k, v] of inclusive(part, dist, 30)) out(`    ${String(v).padStart(8)}  ${k}`);
      }
      const syncedAt = at(m['warrant:synced']);
      if (syncedAt !== undefined) {
        out(`  timeline from navigation to synced (ms, busiest entry points per 50 ms):`);
        for (const line of timeline(profile, dist, start, syncedAt)) out(`    ${line}`);
      }
      const from = syncedAt;
      if (from !== undefined) {
        out(`  timeline from synced (ms, busiest entry points per 50 ms):`);
        for (const line of timeline(profile, dist, from, at(interactive)!)) out(`    ${line}`);
      }
    }
    let reopenCards: number | undefined;
    if (reopen) {
      await page.waitForTimeout(1500); // the layout and IndexedDB writes settle
      const t1 = Date.now();
      await page.reload();
      await page.locator('.react-flow__node').first().waitFor({ timeout: 120_000 });
      const m2 = await marks(page);
      reopenCards = m2['picture cards'] ?? m2['cards in page'] ?? Date.now() - t1;
      out(
        `  reopen: first cards in the page ${reopenCards} ms (${Date.now() - t1} ms to the locator); marks: ${Object.entries(
          m2,
        )
          .sort((a, b) => a[1] - b[1])
          .map(([k, v]) => `${k.replace('warrant:', '')} ${v}`)
          .join(' · ')}`,
      );
    }
    return { firstCards, interactive, ...(reopenCards !== undefined && { reopenCards }) };
  } finally {
    await Promise.all(browser.contexts().map((c) => c.close()));
  }
}

const out = (line = ''): void => void process.stdout.write(`${line}\n`);

const servers: ServerUnderTest[] = [];
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
try {
  const map = exportMap(generateMap(claims));
  const targets: { server: ServerUnderTest; url: string; dist: string }[] = [];
  for (const [i, dist] of dists.entries()) {
    const relayRoot = relays[i];
    const server = await startWarrant(
      {
        WARRANT_CLIENT_DIST: dist,
        ...(keepRooms ? { WARRANT_UNLOAD_AFTER_MS: String(3_600_000) } : {}),
      },
      relayRoot ? { root: resolve(relayRoot) } : {},
    );
    servers.push(server);
    const t = await importIntoWarrant(server.port, map);
    targets.push({
      server,
      dist,
      url: `http://127.0.0.1:${server.port}/maps/${t.room}#token=${t.params.token}`,
    });
  }
  out(
    `dists: ${dists.map((d, i) => `${i}=${d} (${readdirSync(join(d, 'assets')).length} assets, relay ${relays[i] ?? 'this checkout'})`).join(', ')}`,
  );
  for (const [i, t] of targets.entries()) await openOnce(browser, t.url, t.dist, `warm-up ${i}`);
  const results = targets.map(() => ({
    firstCards: [] as number[],
    interactive: [] as number[],
    reopen: [] as number[],
  }));
  for (let r = 0; r < runs; r++) {
    for (const [i, t] of targets.entries()) {
      const x = await openOnce(browser, t.url, t.dist, `dist ${i} run ${r + 1}`);
      results[i]!.firstCards.push(x.firstCards);
      results[i]!.interactive.push(x.interactive);
      if (x.reopenCards !== undefined) results[i]!.reopen.push(x.reopenCards);
    }
  }
  out('\nsummary (median ms):');
  for (const [i, r] of results.entries())
    out(
      `  dist ${i}: first cards ${median(r.firstCards)} (${r.firstCards.join(', ')}), interactive ${median(r.interactive)} (${r.interactive.join(', ')})${r.reopen.length ? `, reopen cards ${median(r.reopen)} (${r.reopen.join(', ')})` : ''}`,
    );
} finally {
  await browser.close();
  for (const s of servers) await s.stop();
}

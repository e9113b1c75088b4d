/**
 * What evaluating the client's modules costs when a map opens: `tsx moduleCost.ts --dist=DIR`
 * with DIR a client built with a mark around each module's top level
 * (`cd client && npx vite build --config vite.marks.config.ts --outDir DIR`). Not a figure of
 * `pnpm bench`; a tool for finding what the map page evaluates before it needs it.
 *
 *   --claims=1000   size of the generated map
 *   --runs=3        opens (after one unmeasured warm-up); medians are printed
 *   --top=40        how many packages / folders / files to list
 *   --raw=MS        also print, per open, each module whose top level took MS or more
 *
 * Prints, for the phases before `warrant:entry` (the picture's script and the entry's graph)
 * and from there to `warrant:main` (the app's graph), each package's and each client or shared
 * folder's and file's top-level evaluation time (self time: a module's top level minus the
 * modules it set off, such as CommonJS requires), in ms of wall time on the page's clock.
 */
import { exportMap } from '@warrant/shared';
import { chromium } from 'playwright-core';
import { ARGS, CHROMIUM } from './browser.ts';
import { generateMap } from './coldsync.ts';
import { Args } from './lib/args.ts';
import { importIntoWarrant, startWarrant } from './lib/servers.ts';
import { median, round } from './lib/stats.ts';

const args = new Args();
const dist = args.value('dist');
if (!dist) throw new Error('--dist=DIR: a client built with vite.marks.config.ts');
const claims = Number(args.value('claims') ?? 1000);
const runs = Number(args.value('runs') ?? 3);
const top = Number(args.value('top') ?? 40);
const raw = args.value('raw');

/** Collects each module's self time, by its id, in the page (see vite.marks.config.ts). */
const COLLECT = `(() => {
  const stack = [];
  const self = (globalThis.__moduleSelf = []);
  globalThis.__mm = (id, end) => {
    const t = performance.now();
    if (!end) return void stack.push({ id, t, inner: 0 });
    const open = stack.pop();
    if (!open) return;
    const took = t - open.t;
    self.push([open.id, open.t, took - open.inner]);
    if (stack.length) stack[stack.length - 1].inner += took;
  };
})();`;

type Sample = [id: string, at: number, selfMs: number];

function bucket(id: string): { pkg: string; folder: string; file: string } {
  if (id.startsWith('nm/')) {
    const rest = id.slice(3).split('/');
    const pkg = rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
    return { pkg, folder: pkg, file: pkg };
  }
  const m = /(client|shared)\/src\/(.+)$/.exec(id);
  if (!m) return { pkg: id, folder: id, file: id };
  const folder = `${m[1]}/${m[2]!.includes('/') ? m[2]!.replace(/\/[^/]*$/, '/') : ''}`;
  return { pkg: `@warrant/${m[1]}`, folder, file: `${m[1]}/${m[2]}` };
}

const out = (line = ''): void => void process.stdout.write(`${line}\n`);

const server = await startWarrant({ WARRANT_CLIENT_DIST: dist });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
try {
  const t = await importIntoWarrant(server.port, exportMap(generateMap(claims)));
  const url = `http://127.0.0.1:${server.port}/maps/${t.room}#token=${t.params.token}`;
  const phases = ['before entry', 'entry → main'] as const;
  const totals = new Map<string, number[]>();
  const add = (key: string, run: number, ms: number) => {
    const v = totals.get(key) ?? [];
    v[run] = (v[run] ?? 0) + ms;
    totals.set(key, v);
  };
  for (let run = -1; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript({ content: "localStorage.setItem('warrant.name', 'Bench')" });
    await context.addInitScript({ content: COLLECT });
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('.react-flow__node').first().waitFor({ timeout: 120_000 });
    const { samples, entry, main } = (await page.evaluate(`({
      samples: globalThis.__moduleSelf,
      entry: performance.getEntriesByName('warrant:entry')[0]?.startTime,
      main: performance.getEntriesByName('warrant:main')[0]?.startTime,
    })`)) as { samples: Sample[]; entry: number; main: number };
    await context.close();
    if (run < 0) continue;
    for (const [id, at, ms] of samples) {
      const phase = at < entry ? phases[0] : at < main ? phases[1] : 'after main';
      const b = bucket(id);
      add(`${phase}|total`, run, ms);
      add(`${phase}|pkg|${b.pkg}`, run, ms);
      add(`${phase}|folder|${b.folder}`, run, ms);
      add(`${phase}|file|${b.file}`, run, ms);
    }
    out(`run ${run + 1}: entry at ${round(entry)} ms, main at ${round(main)} ms`);
    if (raw !== undefined)
      for (const [id, at, ms] of samples)
        if (ms >= Number(raw)) out(`  ${round(at)} ms: ${id} ${round(ms)} ms`);
  }
  const med = (v: number[]) => round(median(Array.from({ length: runs }, (_, i) => v[i] ?? 0)));
  for (const phase of [...phases, 'after main']) {
    out(
      `\n${phase}: modules' top-level evaluation ${med(totals.get(`${phase}|total`) ?? [])} ms (median of ${runs})`,
    );
    for (const kind of ['pkg', 'folder', 'file']) {
      const rows = [...totals.entries()]
        .filter(([k]) => k.startsWith(`${phase}|${kind}|`))
        .map(([k, v]) => [k.split('|')[2]!, med(v)] as const)
        .sort((a, b) => b[1] - a[1])
        .slice(0, top);
      out(`  by ${kind}:`);
      for (const [k, v] of rows) if (v >= 0.1) out(`    ${String(v).padStart(8)}  ${k}`);
    }
  }
} finally {
  await browser.close();
  await server.stop();
}

/**
 * What applying a map's first sync costs in Chromium, V1 against V2: `tsx applyCost.ts [options]`.
 * Not a figure of `pnpm bench`; a tool for choosing how the relay sends the first sync.
 *
 *   --claims=1000,10000   sizes of the generated map
 *   --runs=5              measured applies per format and size, alternating V1 and V2
 *
 * The update is what the relay really sends a client that holds nothing (its sync step 2,
 * read off a socket after an import), and each apply runs once on a fresh page (a new
 * browser context: Yjs' code cold, as on a first open), timed by wall clock and by the main
 * thread's CPU time (a Chromium trace's `tdur`, which load from other processes does not
 * inflate).
 */
import { createRequire } from 'node:module';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { exportMap } from '@warrant/shared';
import { chromium, type Browser } from 'playwright-core';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { ARGS, CHROMIUM } from './browser.ts';
import { generateMap } from './coldsync.ts';
import { Args } from './lib/args.ts';
import { importIntoWarrant, startWarrant } from './lib/servers.ts';
import { median, round } from './lib/stats.ts';

const args = new Args();
const sizes = (args.list('claims') ?? ['1000', '10000']).map(Number);
const runs = Number(args.value('runs') ?? 5);

const out = (line = ''): void => void process.stdout.write(`${line}\n`);

/** The relay's sync step 2 to a client holding nothing, as it came over the socket. */
async function firstSyncFromRelay(port: number, claims: number): Promise<Uint8Array> {
  const target = await importIntoWarrant(port, exportMap(generateMap(claims)));
  const ws = new WebSocket(`${target.serverUrl}/${target.room}?token=${target.params.token}`);
  ws.binaryType = 'arraybuffer';
  return new Promise((resolve, reject) => {
    ws.on('error', reject);
    ws.on('open', () => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0); // sync
      encoding.writeVarUint(e, 0); // step 1
      encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
      ws.send(encoding.toUint8Array(e));
    });
    ws.on('message', (data: ArrayBuffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(d) !== 0 || decoding.readVarUint(d) !== 1) return;
      resolve(decoding.readVarUint8Array(d).slice());
      ws.close();
    });
  });
}

/** The part of esbuild's API used here (esbuild comes with tsx; bench does not depend on it). */
interface Esbuild {
  build(options: {
    stdin: { contents: string; resolveDir: string };
    bundle: boolean;
    minify: boolean;
    format: 'iife';
    write: false;
  }): Promise<{ outputFiles: { text: string }[] }>;
}

/** Yjs for the page, bundled the way Vite would. */
async function yjsBundle(): Promise<string> {
  const require = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
  const esbuild = require('esbuild') as Esbuild;
  const result = await esbuild.build({
    stdin: {
      contents: "import * as Y from 'yjs'; window.Y = Y;",
      resolveDir: import.meta.dirname,
    },
    bundle: true,
    minify: true,
    format: 'iife',
    write: false,
  });
  return result.outputFiles[0]!.text;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { data?: { message?: string } };
}

/** Applies `update` once on a fresh page; wall and thread ms of the apply, and its GC. */
async function applyOnce(browser: Browser, bundle: string, update: Uint8Array, v2: boolean) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.route('http://bench.local/**', (route) => {
      const url = route.request().url();
      if (url.endsWith('/yjs.js'))
        return route.fulfill({ body: bundle, contentType: 'text/javascript' });
      if (url.endsWith('/update'))
        return route.fulfill({
          body: Buffer.from(update),
          contentType: 'application/octet-stream',
        });
      return route.fulfill({
        body: '<!doctype html><script src="/yjs.js"></script>',
        contentType: 'text/html',
      });
    });
    await page.goto('http://bench.local/');
    await page.evaluate(`(async () => {
      window.update = new Uint8Array(await (await fetch('/update')).arrayBuffer());
    })()`);
    const cdp = await context.newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as TraceEvent[])));
    await cdp.send('Tracing.start', {
      categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing',
      transferMode: 'ReportEvents',
    });
    const wall = (await page.evaluate(`(() => {
      const doc = new Y.Doc();
      performance.mark('apply:start');
      const t0 = performance.now();
      ${v2 ? 'Y.applyUpdateV2' : 'Y.applyUpdate'}(doc, window.update);
      const ms = performance.now() - t0;
      performance.mark('apply:end');
      window.doc = doc;
      return ms;
    })()`)) as number;
    const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.end');
    await done;
    // The evaluate's own task holds the apply: its thread time, and the GC inside it.
    const mark = events.find((e) => e.name === 'apply:start');
    const end = events.find((e) => e.name === 'apply:end')?.ts;
    if (mark === undefined || end === undefined) throw new Error('no apply marks in the trace');
    const start = mark.ts;
    const main = events.filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X');
    const task = main.find(
      (e) => e.name === 'RunTask' && e.ts <= start && e.ts + (e.dur ?? 0) >= end,
    );
    // Top-level GC events only (V8's own GC events nest inside them).
    const gc = main
      .filter((e) => (e.name === 'MinorGC' || e.name === 'MajorGC') && e.ts >= start && e.ts <= end)
      .reduce((s, e) => s + (e.tdur ?? e.dur ?? 0), 0);
    return { wall, thread: (task?.tdur ?? 0) / 1000, gc: gc / 1000 };
  } finally {
    await context.close();
  }
}

const server = await startWarrant({});
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
try {
  const bundle = await yjsBundle();
  for (const claims of sizes) {
    const v1 = await firstSyncFromRelay(server.port, claims);
    const t0 = performance.now();
    const v2 = Y.convertUpdateFormatV1ToV2(v1);
    const convertMs = performance.now() - t0;
    out(
      `\n${claims} claims: V1 ${v1.byteLength} bytes, V2 ${v2.byteLength} bytes (converted in ${round(convertMs)} ms in Node)`,
    );
    const samples = { v1: [] as number[][], v2: [] as number[][] };
    // One unmeasured apply of each first (the browser's own warm-up, not Yjs').
    await applyOnce(browser, bundle, v1, false);
    await applyOnce(browser, bundle, v2, true);
    for (let r = 0; r < runs; r++) {
      for (const format of r % 2 ? (['v2', 'v1'] as const) : (['v1', 'v2'] as const)) {
        const x = await applyOnce(browser, bundle, format === 'v1' ? v1 : v2, format === 'v2');
        samples[format].push([x.wall, x.thread, x.gc]);
        out(
          `  ${format} run ${r + 1}: wall ${round(x.wall)} ms, thread ${round(x.thread)} ms, gc ${round(x.gc)} ms`,
        );
      }
    }
    for (const format of ['v1', 'v2'] as const) {
      const col = (i: number) => samples[format].map((s) => s[i]!);
      out(
        `  ${format} median: wall ${round(median(col(0)))} ms, thread ${round(median(col(1)))} ms, gc ${round(median(col(2)))} ms`,
      );
    }
  }
} finally {
  await browser.close();
  await server.stop();
}

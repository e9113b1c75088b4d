import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportMap } from '@warrant/shared';
import { chromium, type Browser } from 'playwright-core';
import { generateMap } from './coldsync.ts';
import { importIntoWarrant, startWarrant, type Target } from './lib/servers.ts';
import { median, percentile, round } from './lib/stats.ts';

export interface BrowserResult {
  openClaims: number;
  /** Navigation → first claim cards on screen, ms (each sample, and median). */
  firstCardsMs: number[];
  /** Navigation → "Add claim" works and its editor has focus, ms. */
  interactiveMs: number[];
  medianInteractiveMs: number;
  /** Cards in the DOM for the opened map (visible ones only, if virtualised). */
  nodesInDom: number;
  panClaims: number;
  pan: { frames: number; p50FrameMs: number; p95FrameMs: number; longFrames: number; fps: number };
}

const root = fileURLToPath(new URL('..', import.meta.url));
export const CHROMIUM = process.env.WARRANT_CHROMIUM ?? '/usr/bin/chromium';
export const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export function buildClient(): string {
  const out = mkdtempSync(join(tmpdir(), 'warrant-bench-client-'));
  const clientDir = join(root, 'client');
  const vite = join(clientDir, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(
    process.execPath,
    [vite, 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: clientDir,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`client build failed:\n${r.stderr}`);
  return out;
}

async function openAndInteract(browser: Browser, url: string) {
  // The relay's CSP forbids evaluating strings; the measuring scripts below are strings.
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    bypassCSP: true,
  });
  await context.addInitScript({ content: "localStorage.setItem('warrant.name', 'Bench')" });
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(url);
  await page.locator('.react-flow__node').first().waitFor({ timeout: 60_000 });
  const firstCards = Date.now() - t0;
  await page.getByRole('button', { name: 'Add claim', exact: true }).click();
  await page.waitForFunction("!!document.activeElement?.closest('.ProseMirror')", null, {
    timeout: 60_000,
  });
  const interactive = Date.now() - t0;
  const nodes = await page.locator('.react-flow__node').count();
  return { context, page, firstCards, interactive, nodes };
}

/** Frame times while dragging the canvas across a large map for ~2 s. */
async function panFrames(browser: Browser, url: string) {
  const { context, page } = await openAndInteract(browser, url);
  await page.keyboard.press('Escape');
  const pane = page.locator('.react-flow__pane');
  const box = (await pane.boundingBox())!;
  // Scripts go in as strings: the TypeScript loader would wrap functions in helpers the page
  // does not have.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__stop = false;
    let last = performance.now();
    const tick = (t) => {
      window.__frames.push(t - last);
      last = t;
      if (!window.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  // Press on empty canvas (a card under the pointer would be dragged, not the view panned):
  // the grid point nearest the centre whose topmost element is the pane itself.
  const spot = (await page.evaluate(`(() => {
    const b = ${JSON.stringify(box)};
    const points = [];
    for (let fx = 0.1; fx < 0.95; fx += 0.05)
      for (let fy = 0.1; fy < 0.95; fy += 0.05) points.push([b.x + fx * b.width, b.y + fy * b.height]);
    const cx = b.x + b.width / 2, cy = b.y + b.height / 2;
    points.sort((p, q) => Math.hypot(p[0] - cx, p[1] - cy) - Math.hypot(q[0] - cx, q[1] - cy));
    return points.find(([x, y]) => document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) ?? null;
  })()`)) as [number, number] | null;
  if (!spot) throw new Error('no empty spot on the canvas to press for panning');
  const [cx, cy] = spot;
  const viewport = page.locator('.react-flow__viewport');
  const before = await viewport.getAttribute('style');
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 0; i < 120; i++) {
    const a = (i / 120) * Math.PI * 4;
    await page.mouse.move(cx + Math.cos(a) * 400, cy + Math.sin(a) * 250);
  }
  await page.mouse.up();
  if ((await viewport.getAttribute('style')) === before) throw new Error('the view did not pan');
  const frames = (await page.evaluate(
    '(() => { window.__stop = true; return window.__frames.slice(1); })()',
  )) as number[];
  await context.close();
  const total = frames.reduce((a, b) => a + b, 0);
  return {
    frames: frames.length,
    p50FrameMs: round(percentile(frames, 50)),
    p95FrameMs: round(percentile(frames, 95)),
    longFrames: frames.filter((f) => f > 50).length,
    fps: round((frames.length / total) * 1000, 0),
  };
}

/** Open-to-interactive for a generated map in Chromium, and panning a larger one. */
export async function browserBench(opts: {
  openClaims: number;
  panClaims: number;
  repeats: number;
}): Promise<BrowserResult> {
  const dist = buildClient();
  const server = await startWarrant({ WARRANT_CLIENT_DIST: dist });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    // Opened as their owner: the share-link form of the URL, token in the fragment.
    const url = (t: Target) =>
      `http://127.0.0.1:${server.port}/maps/${t.room}#token=${t.params.token}`;
    const openUrl = url(
      await importIntoWarrant(server.port, exportMap(generateMap(opts.openClaims))),
    );
    const panUrl = url(
      await importIntoWarrant(server.port, exportMap(generateMap(opts.panClaims, 2))),
    );
    // One unmeasured visit warms the relay (map loaded) and the browser's HTTP cache alike.
    const warm = await openAndInteract(browser, openUrl);
    await warm.context.close();
    const firstCardsMs: number[] = [];
    const interactiveMs: number[] = [];
    let nodesInDom = 0;
    for (let i = 0; i < opts.repeats; i++) {
      const r = await openAndInteract(browser, openUrl);
      firstCardsMs.push(r.firstCards);
      interactiveMs.push(r.interactive);
      nodesInDom = r.nodes;
      await r.context.close();
    }
    const pan = await panFrames(browser, panUrl);
    return {
      openClaims: opts.openClaims,
      firstCardsMs,
      interactiveMs,
      medianInteractiveMs: median(interactiveMs),
      nodesInDom,
      panClaims: opts.panClaims,
      pan,
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

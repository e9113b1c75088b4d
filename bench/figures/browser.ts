import { browserBench } from '../browser.ts';
import type { Figure } from '../lib/figure.ts';
import { median } from '../lib/stats.ts';
import { skippedWithoutChromium } from './chromium.ts';

export const browserFigure: Figure<{ openClaims: number; panClaims: number; repeats: number }> = {
  name: 'browser',
  about: 'Chromium: open a map until an editor has focus, and pan a larger one',
  options: ({ quick }) => ({ openClaims: 1_000, panClaims: 2_000, repeats: quick ? 2 : 5 }),
  async run(options, report) {
    if (skippedWithoutChromium('browser', report)) return;
    const { out, results } = report;
    const r = await browserBench(options);
    out(
      `\nbrowser (Chromium): open a ${r.openClaims}-claim map until "Add claim" focuses an editor`,
    );
    out(
      `  interactive median ${r.medianInteractiveMs} ms (samples ${r.interactiveMs.join(', ')}); first cards ${median(r.firstCardsMs)} ms; ${r.nodesInDom} cards in the DOM`,
    );
    out(
      `  panning a ${r.panClaims}-claim map: ${r.pan.fps} fps, frame p50 ${r.pan.p50FrameMs} ms, p95 ${r.pan.p95FrameMs} ms, ${r.pan.longFrames} frames > 50 ms of ${r.pan.frames}`,
    );
    results.browser = r;
  },
};

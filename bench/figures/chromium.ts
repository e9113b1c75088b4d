import { chromiumAvailable } from '../browser.ts';
import type { Report } from '../lib/figure.ts';

/** True, having said the figure is skipped, when this machine has no Chromium to run it in. */
export function skippedWithoutChromium(name: string, { out }: Report): boolean {
  if (chromiumAvailable()) return false;
  out(`\n${name}: skipped (no Chromium at /usr/bin/chromium; apt-get install chromium)`);
  return true;
}

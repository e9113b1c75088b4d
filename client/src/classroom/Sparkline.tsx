import type { Activity } from '@warrant/shared';
import { describeActivity, sparkPoints } from './sparkline.ts';

const WIDTH = 80;
const HEIGHT = 20;

const clock = (ms: number) =>
  new Date(ms).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });

/** A copy's edits over time as a small line, named in words for screen readers. */
export function Sparkline({ activity }: { activity: Activity }) {
  const label = `Activity: ${describeActivity(activity, clock)}`;
  return (
    <svg
      className="sparkline"
      role="img"
      aria-label={label}
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
    >
      <title>{label}</title>
      <line x1={0} y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} className="sparkline-base" />
      <polyline points={sparkPoints(activity.counts, WIDTH, HEIGHT)} className="sparkline-line" />
    </svg>
  );
}

import type { Activity } from '@warrant/shared';

/**
 * A copy's activity as a sparkline: the points of an SVG polyline over the buckets, and the
 * same figures in words for people who do not see it.
 */

/** The polyline's points in a `width` × `height` box (y grows down), one per bucket. */
export function sparkPoints(counts: readonly number[], width: number, height: number): string {
  if (counts.length === 0) return '';
  const max = Math.max(1, ...counts);
  const step = counts.length > 1 ? width / (counts.length - 1) : 0;
  const pad = 1;
  return counts
    .map((c, i) => {
      const x = counts.length > 1 ? i * step : width / 2;
      const y = height - pad - (c / max) * (height - 2 * pad);
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}

const round = (n: number) => Math.round(n * 10) / 10;

function span(minutes: number): string {
  if (minutes % 1440 === 0) return plural(minutes / 1440, 'day');
  if (minutes % 60 === 0) return plural(minutes / 60, 'hour');
  return plural(minutes, 'minute');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * "14 edits over 2 hours, most (6) in the 10 minutes from 14:20" — or "No edits over 2
 * hours"; `time` words a bucket's start (the caller's locale).
 */
export function describeActivity(activity: Activity, time: (ms: number) => string): string {
  const total = activity.counts.reduce((a, b) => a + b, 0);
  const over = span(activity.bucketMinutes * activity.counts.length);
  if (total === 0) return `No edits over ${over}`;
  let busiest = 0;
  activity.counts.forEach((c, i) => {
    if (c > (activity.counts[busiest] ?? 0)) busiest = i;
  });
  const start = Date.parse(activity.from) + busiest * activity.bucketMinutes * 60_000;
  return (
    `${plural(total, 'edit')} over ${over}, most (${activity.counts[busiest]}) in the ` +
    `${span(activity.bucketMinutes)} from ${time(start)}`
  );
}

import { addClaim, createMap } from '@warrant/shared';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { MapService } from '../maps/MapService.ts';
import type { ReviewService } from '../maps/openReviews.ts';
import type { ActivityRecord, AssignmentStore } from './AssignmentStore.ts';
import { ACTIVITY_BUCKET_MS, CopyActivity } from './CopyActivity.ts';

/** A copy `c1` of three claims, a map `m1` that is no copy, and a store that records writes. */
function setUp(now: { at: number }) {
  const doc = new Y.Doc();
  createMap(doc, { title: 'Copy', createdAt: 0 });
  for (const text of ['a', 'b', 'c']) addClaim(doc, { text });
  const activity: ActivityRecord[] = [];
  const figures = new Map<string, [number, number | null]>();
  const store = {
    addActivity: async (entries: readonly ActivityRecord[]) => void activity.push(...entries),
    setFigures: async (id: string, f: { claims: number }, last: number | null) =>
      void figures.set(id, [f.claims, last]),
  } as unknown as AssignmentStore;
  const maps = {
    read: async <T>(id: string, read: (d: Y.Doc) => T) => (id === 'c1' ? read(doc) : null),
  } as unknown as MapService;
  const reviews = {
    state: async () => Y.encodeStateAsUpdate(new Y.Doc()),
  } as unknown as ReviewService;
  const tracker = new CopyActivity(
    store,
    async (id) => id === 'c1',
    { maps, reviews },
    pino({ level: 'silent' }),
    () => now.at,
  );
  return { tracker, activity, figures };
}

describe('CopyActivity', () => {
  it("counts a copy's commits per bucket and recounts its figures on flush", async () => {
    const now = { at: 10 * ACTIVITY_BUCKET_MS + 5 };
    const { tracker, activity, figures } = setUp(now);
    tracker.mapsCommitted(new Set(['c1', 'm1']));
    tracker.mapsCommitted(new Set(['c1']));
    now.at += ACTIVITY_BUCKET_MS;
    tracker.mapsCommitted(new Set(['c1']));
    await tracker.flush();
    expect(activity).toEqual([
      { copyId: 'c1', bucket: 10, count: 2 },
      { copyId: 'c1', bucket: 11, count: 1 },
    ]);
    expect(figures.get('c1')).toEqual([3, now.at]);
    expect(figures.has('m1')).toBe(false);
    await tracker.close();
  });

  it("counts neither review commits nor the relay's own push as the students' activity", async () => {
    const now = { at: 10 * ACTIVITY_BUCKET_MS };
    const { tracker, activity, figures } = setUp(now);
    tracker.reviewsCommitted(new Set(['c1']));
    tracker.quiet('c1');
    tracker.mapsCommitted(new Set(['c1']));
    await tracker.flush();
    expect(activity).toEqual([]);
    expect(figures.get('c1')).toEqual([3, null]);
    expect(tracker.window()).toEqual({
      fromBucket: 10 - 95,
      buckets: 96,
      bucketMs: ACTIVITY_BUCKET_MS,
    });
    await tracker.close();
  });
});

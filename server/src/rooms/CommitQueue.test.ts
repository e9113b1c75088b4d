import { describe, expect, it } from 'vitest';
import { RelayMetrics } from '../metrics/Metrics.ts';
import { SqliteStorage } from '../storage/sqlite/SqliteStorage.ts';
import { CommitQueue, MAX_BATCH_BYTES } from './CommitQueue.ts';

describe('CommitQueue', () => {
  it('commits updates enqueued together in one transaction, up to MAX_BATCH_BYTES each, in order', async () => {
    const storage = new SqliteStorage(':memory:');
    await storage.create({ id: 'm', title: 'm', createdAt: 0, snapshot: new Uint8Array([0, 0]) });
    const batches: number[] = [];
    const append = storage.append.bind(storage);
    storage.append = (entries) => {
      batches.push(entries.length);
      return append(entries);
    };
    const queue = new CommitQueue(
      storage,
      new RelayMetrics({ connections: () => 0, loadedMaps: () => 0 }),
    );
    const small = Array.from({ length: 5 }, () => new Uint8Array([0, 0]));
    await Promise.all(small.map((u) => queue.enqueue('m', u)));
    expect(batches).toEqual([5]);

    batches.length = 0;
    const slice = new Uint8Array(MAX_BATCH_BYTES / 4);
    const seqs = await Promise.all(Array.from({ length: 10 }, () => queue.enqueue('m', slice)));
    expect(batches).toEqual([4, 4, 2]);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    await storage.close();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { newClient } from '../helpers/client.ts';
import type { RelayProcess } from '../helpers/relay.ts';
import { newRelay } from '../helpers/relay.ts';
import { killMidStorm, startWriter, untilEachReceives, type Writer } from '../helpers/storm.ts';
import { waitFor } from '../helpers/wait.ts';

const WRITERS = 4;
const KILLS = 5;

describe('durability: SIGKILL mid-storm', () => {
  let relay: RelayProcess;
  const writers: Writer[] = [];
  afterEach(async () => {
    for (const w of writers.splice(0)) {
      w.stop();
      w.client.destroy();
    }
    await relay?.dispose();
  });

  it(`loses no edit any other client received, across ${KILLS} kills`, async () => {
    relay = await newRelay({ env: { WARRANT_COMPACT_AFTER_UPDATES: '50' } });
    const mapId = await relay.createMap('storm');
    for (let i = 0; i < WRITERS; i++) writers.push(startWriter(relay, mapId, i));
    const verified: number[] = [];
    let updates = 0;
    let commits = 0;
    let compactions = 0;
    let commitSeconds = 0;

    for (let kill = 0; kill < KILLS; kill++) {
      // Let the storm run until every writer has fresh edits from the others.
      await untilEachReceives(writers, 250, `storm progress before kill ${kill + 1}`);
      const metrics = await relay.metrics();
      updates += metrics.get('warrant_updates_persisted_total') ?? 0;
      commits += metrics.get('warrant_commits_total') ?? 0;
      compactions += metrics.get('warrant_compactions_total') ?? 0;
      commitSeconds += metrics.get('warrant_commit_seconds_sum') ?? 0;
      // Writers stay offline while it restarts: whatever it has, it read from disk.
      const { mustSurvive, missing } = await killMidStorm(relay, mapId, writers);
      expect(missing, `kill ${kill + 1}: received by others but lost`).toEqual([]);
      verified.push(mustSurvive);
    }

    // Finally everyone converges, and a last restart still has every edit anyone made.
    for (const w of writers) w.stop();
    const total = () => writers.reduce((n, w) => n + w.written, 0);
    await waitFor(() => writers.every((w) => w.client.doc.getMap('storm').size === total()), {
      what: 'all writers to converge',
      timeoutMs: 60_000,
    });
    await relay.restart();
    const observer = newClient(relay, mapId);
    await observer.synced();
    expect(observer.doc.getMap('storm').size).toBe(total());
    observer.destroy();
    // The storms crossed the compaction threshold, so compaction ran amid the writes.
    expect(compactions).toBeGreaterThan(0);

    process.stdout.write(
      `durability: verified ${verified.join(', ')} received edits after ${KILLS} kills; ` +
        `${total()} edits in all; during the storms ${updates} updates took ${commits} commits ` +
        `(${(updates / Math.max(1, commits)).toFixed(1)} per group commit, ` +
        `${((commitSeconds / Math.max(1, commits)) * 1000).toFixed(2)} ms each), ` +
        `${compactions} compactions\n`,
    );
  }, 300_000);
});

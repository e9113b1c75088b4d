import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureSample } from '../../server/src/maps/ensureSample.ts';
import { PgStorage } from '../../server/src/storage/pg/PgStorage.ts';
import { useTestCluster } from '../../server/src/storage/pg/testCluster.ts';
import { API_RESPONSES, reviewRoomName } from '@warrant/shared';
import { newClient } from '../helpers/client.ts';
import type { RelayProcess } from '../helpers/relay.ts';
import { newRelay } from '../helpers/relay.ts';
import { startWriter, type Writer } from '../helpers/storm.ts';
import { waitFor } from '../helpers/wait.ts';

/**
 * The relay with `DATABASE_URL` set: maps, logs and share links in PostgreSQL (a real
 * server, started here from the distribution's `initdb`), with the promises the SQLite
 * relay keeps — nothing anyone received is lost to a SIGKILL.
 */
const pg = useTestCluster({ beforeAll, afterAll });

const json = { 'content-type': 'application/json' };

describe.runIf(pg.available)('relay on PostgreSQL', () => {
  let relay: RelayProcess | undefined;
  const writers: Writer[] = [];
  afterEach(async () => {
    for (const w of writers.splice(0)) {
      w.stop();
      w.client.destroy();
    }
    await relay?.dispose();
    relay = undefined;
  });

  /** An assignment in groups of two, made from a new map on `on` (its id and instructor token). */
  async function groupsOfTwo(on: RelayProcess, title: string) {
    const source = await on.createMap(title);
    const res = await on.fetch('/api/assignments', {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${on.tokenFor(source)}` },
      body: JSON.stringify({ map: source, title, groups: { size: 2 } }),
    });
    return (await res.json()) as { id: string; token: string };
  }

  async function pgRelay(env: Record<string, string> = {}): Promise<RelayProcess> {
    const url = await pg.url();
    return newRelay({ env: { DATABASE_URL: url, ...env } });
  }

  it('creates the sample map, syncs stock clients and keeps the map across a restart', async () => {
    relay = await pgRelay();
    const maps = (await (await relay.fetch('/api/maps')).json()) as { maps: { id: string }[] };
    expect(maps.maps.length).toBe(1); // the sample, created in PostgreSQL
    const mapId = await relay.createMap('On PostgreSQL');
    const a = newClient(relay, mapId);
    const b = newClient(relay, mapId);
    await Promise.all([a.synced(), b.synced()]);
    a.doc.getMap('m').set('k', 'v');
    await waitFor(() => b.doc.getMap('m').get('k') === 'v', { what: 'b to see a' });
    const writer = a.doc.clientID;
    a.destroy();
    b.destroy();
    await relay.restart();
    const c = newClient(relay, mapId);
    await c.synced();
    expect(c.doc.getMap('m').get('k')).toBe('v');
    c.destroy();
    // The owner token (a share link in PostgreSQL) still works after the restart.
    const res = await relay.fetch(`/api/maps/${mapId}/links`);
    expect(res.status).toBe(200);
    // Who wrote it, recorded in PostgreSQL with the update: the owner's link; the map's
    // first contents, the relay.
    const authors = API_RESPONSES['GET /api/maps/:id/authors'].parse(
      await (await relay.fetch(`/api/maps/${mapId}/authors`)).json(),
    );
    expect(authors.clients[String(writer)]).toMatch(/^link:/);
    expect(authors.authors.map((x) => [x.kind, x.role])).toEqual([
      ['link', 'owner'],
      ['relay', null],
    ]);
  });

  it('makes one sample map when relays start together on an empty database', async () => {
    const url = await pg.url();
    const relays = await Promise.all([0, 1, 2, 3].map(() => PgStorage.open(url)));
    try {
      // Each "relay" looks, finds nothing, and makes its map after a moment: without the
      // storage's lock all four would.
      const made = await Promise.all(
        relays.map((storage, i) =>
          ensureSample(storage, async () => {
            await new Promise((r) => setTimeout(r, 50));
            await storage.create({
              id: `sample-${i}`,
              title: 'Sample',
              createdAt: Date.now(),
              snapshot: new Uint8Array([0, 0]),
            });
          }),
        ),
      );
      expect(made.filter(Boolean)).toHaveLength(1);
      expect(await relays[0]!.list()).toHaveLength(1);
    } finally {
      await Promise.all(relays.map((s) => s.close()));
    }
  });

  it('keeps assignments, copies, grades and releases in PostgreSQL, across a restart', async () => {
    relay = await pgRelay();
    const made = await groupsOfTwo(relay, 'On PostgreSQL');
    const join = async (name: string) =>
      (await (
        await relay!.fetch(`/api/assignments/${made.id}/join`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ name }),
        })
      ).json()) as { copy: { id: string }; token: string; group: string };
    const [ada, bo] = [await join('Ada'), await join('Bo')];
    expect([ada.group, bo.group, bo.copy.id]).toEqual(['Group 1', 'Group 1', ada.copy.id]);
    const instructor = { ...json, authorization: `Bearer ${made.token}` };
    await relay.fetch(`/api/assignments/${made.id}/copies/${ada.copy.id}/grade`, {
      method: 'PUT',
      headers: instructor,
      body: JSON.stringify({ scores: {}, feedback: 'Well argued' }),
    });
    await relay.fetch(`/api/assignments/${made.id}/release`, {
      method: 'POST',
      headers: instructor,
      body: '{}',
    });
    await relay.restart();
    const dashboard = (await (
      await relay.fetch(`/api/assignments/${made.id}`, { headers: instructor })
    ).json()) as { copies: { id: string; members: { name: string }[] }[] };
    expect(dashboard.copies.map((c) => [c.id, c.members.map((m) => m.name)])).toEqual([
      [ada.copy.id, ['Ada', 'Bo']],
    ]);
    const feedback = (await (
      await relay.fetch(`/api/maps/${ada.copy.id}/feedback`, {
        headers: { authorization: `Bearer ${bo.token}` },
      })
    ).json()) as { grade: { feedback: string } | null };
    expect(feedback.grade?.feedback).toBe('Well argued');
    const copy = newClient(relay, ada.copy.id, { params: { token: made.token } });
    await copy.synced();
    copy.destroy();
  });

  it('fills groups by size once when students join two relays at the same moment', async () => {
    const url = await pg.url();
    relay = await newRelay({ env: { DATABASE_URL: url } });
    const other = await newRelay({ env: { DATABASE_URL: url } });
    try {
      const made = await groupsOfTwo(relay, 'Raced');
      const names = ['Ada', 'Bo', 'Cy', 'Di', 'Ed', 'Flo', 'Gus', 'Hal', 'Ida', 'Jo', 'Kim', 'Lu'];
      const joined = await Promise.all(
        names.map(async (name, i) => {
          const res = await (i % 2 === 0 ? relay! : other).fetch(
            `/api/assignments/${made.id}/join`,
            { method: 'POST', headers: json, body: JSON.stringify({ name }) },
          );
          expect(res.status).toBe(201);
          return (await res.json()) as { copy: { id: string }; group: string };
        }),
      );
      // Without a lock across relays both would count the same members: groups of three,
      // or two copies named "Group 1".
      const dashboard = (await (
        await other.fetch(`/api/assignments/${made.id}`, {
          headers: { authorization: `Bearer ${made.token}` },
        })
      ).json()) as { copies: { id: string; members: { name: string }[] }[] };
      expect(dashboard.copies.map((c) => c.members.length)).toEqual([2, 2, 2, 2, 2, 2]);
      expect(new Set(joined.map((j) => j.group)).size).toBe(6);
      expect(new Set(joined.map((j) => j.copy.id)).size).toBe(6);
    } finally {
      await other.dispose();
    }
  });

  it('loses no edit any other client received across SIGKILLs mid-storm', async () => {
    relay = await pgRelay({ WARRANT_COMPACT_AFTER_UPDATES: '50' });
    const running = relay;
    const mapId = await running.createMap('storm');
    for (let i = 0; i < 3; i++) writers.push(startWriter(running, mapId, i));
    // Metrics are per process: counted before each kill, as the SQLite durability test does.
    let compactions = 0;
    for (let kill = 0; kill < 2; kill++) {
      const before = writers.map((w) => w.receivedFromOthers.size);
      await waitFor(
        () => writers.every((w, i) => w.receivedFromOthers.size >= (before[i] ?? 0) + 150),
        { what: `storm progress before kill ${kill + 1}` },
      );
      compactions += await running.metric('warrant_compactions_total');
      await running.kill('SIGKILL');
      await waitFor(() => writers.every((w) => !w.client.provider.wsconnected), {
        what: 'clients to notice the kill',
      });
      for (const w of writers) w.client.provider.disconnect();
      const mustSurvive = new Set<string>();
      for (const w of writers) for (const key of w.receivedFromOthers) mustSurvive.add(key);
      await running.restart();
      const observer = newClient(running, mapId);
      await observer.synced();
      const stored = observer.doc.getMap('storm');
      const missing = [...mustSurvive].filter((key) => !stored.has(key));
      observer.destroy();
      expect(missing, `kill ${kill + 1}: received by others but lost`).toEqual([]);
      for (const w of writers) w.client.provider.connect();
    }
    // The storms crossed the compaction threshold, so compaction ran amid the writes.
    expect(compactions).toBeGreaterThan(0);
  }, 240_000);

  it("keeps a map's review document in PostgreSQL too", async () => {
    relay = await pgRelay();
    const mapId = await relay.createMap('Reviewed');
    const writer = newClient(relay, reviewRoomName(mapId), {
      params: { token: relay.tokenFor(mapId) ?? '' },
    });
    const watcher = newClient(relay, reviewRoomName(mapId), {
      params: { token: relay.tokenFor(mapId) ?? '' },
    });
    await Promise.all([writer.synced(), watcher.synced()]);
    writer.doc.getMap('probe').set('comment', 'kept');
    // The relay relays an update only once it is committed.
    await waitFor(() => watcher.doc.getMap('probe').get('comment') === 'kept', {
      what: 'the review update to reach another client',
    });
    writer.destroy();
    watcher.destroy();
    await relay.kill('SIGKILL');
    await relay.restart();
    const reader = newClient(relay, reviewRoomName(mapId), {
      params: { token: relay.tokenFor(mapId) ?? '' },
    });
    await reader.synced();
    expect(reader.doc.getMap('probe').get('comment')).toBe('kept');
    reader.destroy();
  });

  it('refuses to start with a database it cannot reach, saying so', async () => {
    await expect(
      newRelay({ env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } }),
    ).rejects.toThrow();
  });
});

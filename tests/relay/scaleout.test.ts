import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  postgresAvailable,
  startTestCluster,
  type TestCluster,
} from '../../server/src/storage/pg/testCluster.ts';
import { newClient, type StockClient } from '../helpers/client.ts';
import { TcpProxy } from '../helpers/proxy.ts';
import { RedisProcess } from '../helpers/redis.ts';
import type { RelayProcess } from '../helpers/relay.ts';
import { newRelay } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';

/**
 * Several relays serving the same maps: PostgreSQL holds the truth, Redis fans committed
 * updates, presence and revocations out between them. Real servers, started here.
 */
const available = postgresAvailable() && RedisProcess.available();
let cluster: TestCluster | null = null;
beforeAll(async () => {
  if (available) cluster = await startTestCluster();
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
}, 30_000);

describe.runIf(available)('relays on PostgreSQL and Redis', () => {
  const relays: RelayProcess[] = [];
  const clients: StockClient[] = [];
  let redis: RedisProcess | null = null;
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await Promise.all(relays.splice(0).map((r) => r.dispose()));
    await redis?.kill();
    redis = null;
  });

  /** `n` relays on one fresh database and one Redis, started one after another. */
  async function fleet(n: number, env: Record<string, string> = {}): Promise<RelayProcess[]> {
    if (!cluster) throw new Error('no cluster');
    const url = await cluster.createDatabase();
    redis = await RedisProcess.start();
    for (let i = 0; i < n; i++) {
      relays.push(
        await newRelay({
          env: {
            DATABASE_URL: url,
            REDIS_URL: redis.url,
            WARRANT_REPAIR_INTERVAL_MS: '500',
            ...env,
          },
        }),
      );
    }
    return [...relays];
  }

  /** A stock client of `mapId` on `relay`, acting as the owner created on `owner`. */
  function client(relay: RelayProcess, owner: RelayProcess, mapId: string, doc?: Y.Doc) {
    const token = owner.tokenFor(mapId);
    if (token) relay.ownerTokens.set(mapId, token);
    const c = newClient(relay, mapId);
    if (doc) {
      // Move an existing doc's content over (a client that reconnects elsewhere).
      c.doc.transact(() => {
        for (const [key, value] of doc.getMap<number>('storm'))
          c.doc.getMap('storm').set(key, value);
      });
    }
    clients.push(c);
    return c;
  }

  const sizes = (docs: StockClient[]) => docs.map((c) => c.doc.getMap('storm').size);

  it('converges stock clients spread over three relays', async () => {
    const [a, b, c] = await fleet(3);
    if (!a || !b || !c) throw new Error('fleet');
    const mapId = await a.createMap('Shared');
    const spread = [a, b, c, a, b, c].map((relay) => client(relay, a, mapId));
    await Promise.all(spread.map((s) => s.synced()));
    spread.forEach((s, i) => {
      for (let k = 0; k < 20; k++) s.doc.getMap('storm').set(`${i}:${k}`, k);
    });
    await waitFor(() => sizes(spread).every((n) => n === 120), {
      what: `all six clients to hold 120 keys (now ${sizes(spread).join(', ')})`,
      timeoutMs: 30_000,
    });
    // Everything reached other relays through Redis, not through storage repairs.
    expect(
      (await Promise.all([a, b, c].map((r) => r.metric('warrant_repairs_total')))).every(
        (n) => n <= 1,
      ),
    ).toBe(true);
  });

  it('shares presence between relays', async () => {
    const [a, b] = await fleet(2);
    if (!a || !b) throw new Error('fleet');
    const mapId = await a.createMap('Presence');
    const onA = client(a, a, mapId);
    const onB = client(b, a, mapId);
    await Promise.all([onA.synced(), onB.synced()]);
    onA.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    await waitFor(
      () =>
        (onB.provider.awareness.getStates().get(onA.doc.clientID) as { user?: { name: string } })
          ?.user?.name === 'Ada',
      { what: "Ada's presence on the other relay" },
    );
  });

  it('keeps every edit anyone saw when a relay is SIGKILLed mid-storm; its clients move on', async () => {
    const [a, b, c] = await fleet(3);
    if (!a || !b || !c) throw new Error('fleet');
    const mapId = await a.createMap('Storm');
    const writers = [a, b, c].map((relay) => client(relay, a, mapId));
    await Promise.all(writers.map((w) => w.synced()));
    let n = 0;
    const timer = setInterval(() => {
      writers.forEach((w, i) => w.doc.getMap('storm').set(`${i}:${n}`, n));
      n += 1;
    }, 5);
    try {
      await waitFor(() => n >= 150, { what: 'storm to run' });
      await a.kill('SIGKILL');
      // What the survivors' clients hold now was seen by someone: it must all survive.
      const seen = new Set<string>();
      for (const w of writers.slice(1))
        for (const key of w.doc.getMap('storm').keys()) seen.add(key);
      // The killed relay's client reconnects to another relay with what it kept.
      const moved = writers[0];
      if (!moved) throw new Error('writer');
      moved.provider.disconnect();
      const replacement = client(b, a, mapId, moved.doc);
      writers[0] = replacement;
      await replacement.synced();
      await waitFor(() => n >= 300, { what: 'storm to go on' });
      clearInterval(timer);
      const expected = writers.reduce(
        (keys, w) => new Set([...keys, ...w.doc.getMap('storm').keys()]),
        seen,
      );
      await waitFor(() => writers.every((w) => w.doc.getMap('storm').size === expected.size), {
        what: `writers to converge on ${expected.size} keys (now ${sizes(writers).join(', ')})`,
        timeoutMs: 30_000,
      });
      const late = client(c, a, mapId);
      await late.synced();
      const missing = [...seen].filter((key) => !late.doc.getMap('storm').has(key));
      expect(missing).toEqual([]);
    } finally {
      clearInterval(timer);
    }
  }, 180_000);

  it('converges through storage while Redis is down, and after it restarts', async () => {
    const [a, b] = await fleet(2);
    if (!a || !b || !redis) throw new Error('fleet');
    const mapId = await a.createMap('Outage');
    const onA = client(a, a, mapId);
    const onB = client(b, a, mapId);
    await Promise.all([onA.synced(), onB.synced()]);
    await redis.kill();
    onA.doc.getMap('storm').set('during-outage', 1);
    // No fan-out: relay B's periodic check finds storage ahead and repairs.
    await waitFor(() => onB.doc.getMap('storm').get('during-outage') === 1, {
      what: 'an edit to cross relays with Redis down',
      timeoutMs: 15_000,
    });
    expect(await b.metric('warrant_repairs_total')).toBeGreaterThan(0);
    await redis.start();
    onB.doc.getMap('storm').set('after-restart', 2);
    await waitFor(() => onA.doc.getMap('storm').get('after-restart') === 2, {
      what: 'an edit to cross relays after Redis came back',
      timeoutMs: 15_000,
    });
  });

  it('loses nothing in a rolling restart of relays behind one address', async () => {
    const [a, b] = await fleet(2);
    if (!a || !b) throw new Error('fleet');
    const mapId = await a.createMap('Rolling');
    const token = a.tokenFor(mapId) ?? '';
    const proxy = await TcpProxy.start(() => [a, b].filter((r) => r.running).map((r) => r.port));
    const behindProxy = () => {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(`ws://127.0.0.1:${proxy.port}/sync`, mapId, doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        maxBackoffTime: 300,
        params: { token },
      });
      return { doc, provider };
    };
    const writers = [behindProxy(), behindProxy(), behindProxy(), behindProxy()];
    try {
      await waitFor(() => writers.every((w) => w.provider.synced), { what: 'writers to sync' });
      let n = 0;
      const timer = setInterval(() => {
        writers.forEach((w, i) => w.doc.getMap('storm').set(`${i}:${n}`, n));
        n += 1;
      }, 10);
      try {
        for (const relay of [a, b]) {
          await waitFor(() => n >= 50 + (relay === b ? 100 : 0), { what: 'writes before restart' });
          await relay.restart(); // SIGTERM, then start again on the same port
          await waitFor(() => writers.every((w) => w.provider.wsconnected && w.provider.synced), {
            what: 'writers to be connected again',
          });
        }
        await waitFor(() => n >= 250, { what: 'writes after the restarts' });
      } finally {
        clearInterval(timer);
      }
      const total = n * writers.length;
      await waitFor(() => writers.every((w) => w.doc.getMap('storm').size === total), {
        what: `writers to converge on ${total} keys (now ${writers.map((w) => w.doc.getMap('storm').size).join(', ')})`,
        timeoutMs: 30_000,
      });
      // And storage has every one: a fresh client on either relay sees them all.
      for (const relay of [a, b]) {
        const late = client(relay, a, mapId);
        await late.synced();
        expect(late.doc.getMap('storm').size).toBe(total);
      }
    } finally {
      for (const w of writers) {
        w.provider.destroy();
        w.doc.destroy();
      }
      await proxy.close();
    }
  }, 180_000);

  it('closes connections of a revoked link on every relay within a second', async () => {
    const [a, b, c] = await fleet(3);
    if (!a || !b || !c) throw new Error('fleet');
    const mapId = await a.createMap('Revoke');
    const res = await a.fetch(`/api/maps/${mapId}/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'editor' }),
    });
    expect(res.status).toBe(201);
    const link = (await res.json()) as { id: string; token: string };
    const holders = [a, b, c].map((relay) => {
      const h = newClient(relay, mapId, { params: { token: link.token } });
      clients.push(h);
      return h;
    });
    await Promise.all(holders.map((h) => h.synced()));
    const revoked = await a.fetch(`/api/maps/${mapId}/links/${link.id}`, { method: 'DELETE' });
    expect(revoked.status).toBeLessThan(300);
    const started = Date.now();
    await waitFor(() => holders.every((h) => h.closes.length > 0), {
      what: 'every relay to close the revoked link',
      timeoutMs: 5_000,
    });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

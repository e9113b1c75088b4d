import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { describeStorageContract } from '../storageContract.ts';
import { PgStorage } from './PgStorage.ts';
import { useTestCluster } from './testCluster.ts';

const pg = useTestCluster({ beforeAll, afterAll });

const freshUrl = () => pg.url();

describe.runIf(pg.available)('PostgreSQL', () => {
  describeStorageContract('PostgreSQL', async () => {
    const url = await freshUrl();
    let storage = await PgStorage.open(url);
    return {
      storage,
      async reopen() {
        await storage.close();
        storage = await PgStorage.open(url);
        return storage;
      },
      async cleanup() {
        await storage.close().catch(() => {});
      },
    };
  });

  describeStorageContract('PostgreSQL, review namespace', async () => {
    const url = await freshUrl();
    // The maps' own tables beside it, as in the relay: the namespace must not see them.
    const maps = await PgStorage.open(url);
    let storage = await PgStorage.open(url, { namespace: 'review' });
    return {
      storage,
      async reopen() {
        await storage.close();
        storage = await PgStorage.open(url, { namespace: 'review' });
        return storage;
      },
      async cleanup() {
        await Promise.all([storage.close().catch(() => {}), maps.close().catch(() => {})]);
      },
    };
  });

  describe('PgStorage', () => {
    it('keeps a namespace apart from the maps under the same ids', async () => {
      const url = await freshUrl();
      const maps = await PgStorage.open(url);
      const reviews = await PgStorage.open(url, { namespace: 'review' });
      await maps.create({ id: 'm', title: 'Map', createdAt: 1, snapshot: update('map') });
      expect(await reviews.meta('m')).toBeNull();
      await reviews.create({ id: 'm', title: 'Review', createdAt: 2, snapshot: update('r') });
      expect((await maps.meta('m'))?.title).toBe('Map');
      expect((await reviews.list()).map((m) => m.title)).toEqual(['Review']);
      await Promise.all([maps.close(), reviews.close()]);
    });

    it('runs its migrations once when two relays start on one database together', async () => {
      const url = await freshUrl();
      const [a, b] = await Promise.all([PgStorage.open(url), PgStorage.open(url)]);
      await a.create({ id: 'm', title: 'M', createdAt: 1, snapshot: new Uint8Array([0, 0]) });
      expect((await b.meta('m'))?.title).toBe('M');
      await Promise.all([a.close(), b.close()]);
    });

    it('hands out contiguous positions per map when two relays append at once', async () => {
      const url = await freshUrl();
      const [a, b] = await Promise.all([PgStorage.open(url), PgStorage.open(url)]);
      await a.create({ id: 'm', title: 'M', createdAt: 1, snapshot: update('') });
      const doc = new Y.Doc();
      const writes: Promise<number[]>[] = [];
      for (let i = 0; i < 20; i++) {
        const storage = i % 2 ? a : b;
        writes.push(storage.append([{ mapId: 'm', update: edit(doc, `w${i}`) }]));
      }
      const seqs = (await Promise.all(writes)).flat().sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      const stored = await a.load('m');
      expect(stored?.updates).toHaveLength(20);
      expect(stored?.lastSeq).toBe(20);
      await Promise.all([a.close(), b.close()]);
    });

    it('survives a connection ended by the server while it is checked out between queries', async () => {
      const url = await freshUrl();
      const storage = await PgStorage.open(url);
      const admin = await PgStorage.open(url);
      const adminPool = (admin as unknown as { pool: Pool }).pool;
      // Inside `exclusive`, its own connection holds the advisory lock and runs no query
      // while `work` runs: the server ends it then (a failover), and the error arrives idle.
      const done = storage.exclusive('terminated', async () => {
        const { rows } = await adminPool.query<{ pid: number }>(
          "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted",
        );
        expect(rows).toHaveLength(1);
        await adminPool.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
        await new Promise((resolve) => setTimeout(resolve, 300));
        return 'worked';
      });
      // Unlocking on the dead connection fails: the caller hears of it; the process lives on.
      await expect(done).rejects.toThrow();
      // The dead connection was discarded: the pool serves the next caller.
      expect(await storage.exclusive('again', () => Promise.resolve(1))).toBe(1);
      await Promise.all([storage.close(), admin.close()]);
    });

    it('reports a server it cannot reach as unavailable storage, not a crash', async () => {
      const url = await freshUrl();
      const storage = await PgStorage.open(url, { maxConnections: 2 });
      await storage.create({ id: 'm', title: 'M', createdAt: 1, snapshot: update('') });
      // Every connection of this database is ended by the server, as in a failover.
      const admin = await PgStorage.open(url);
      await (admin as unknown as { pool: { query(sql: string): Promise<unknown> } }).pool.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database()',
      );
      // The pool notices the dead connections and opens new ones: storage carries on.
      let ok = false;
      for (let i = 0; i < 5 && !ok; i++) {
        try {
          await storage.append([{ mapId: 'm', update: edit(new Y.Doc(), 'after') }]);
          ok = true;
        } catch (error) {
          expect((error as Error).name).toBe('StorageUnavailableError');
        }
      }
      expect(ok).toBe(true);
      await Promise.all([storage.close(), admin.close()]);
    });
  });
});

function update(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

function edit(doc: Y.Doc, text: string): Uint8Array {
  let out: Uint8Array = new Uint8Array();
  const grab = (u: Uint8Array) => {
    out = u;
  };
  doc.on('update', grab);
  doc.getText('t').insert(0, text);
  doc.off('update', grab);
  return out;
}

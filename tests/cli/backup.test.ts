import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reviewRoomName } from '@warrant/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warrant } from '../helpers/cli.ts';
import { newClient } from '../helpers/client.ts';
import type { RelayProcess } from '../helpers/relay.ts';
import { newRelay } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';

/** The relay's better-sqlite3 (a dependency of the server, not of these tests). */
const Database = createRequire(new URL('../../server/package.json', import.meta.url))(
  'better-sqlite3',
) as new (
  file: string,
  options: { readonly: boolean },
) => { prepare(sql: string): { get(): unknown }; close(): void };

describe('pnpm warrant backup / restore', () => {
  let relay: RelayProcess;
  let restored: RelayProcess | null = null;
  let work: string;
  let mapId: string;

  beforeAll(async () => {
    relay = await newRelay();
    work = mkdtempSync(join(tmpdir(), 'warrant-backup-'));
    mapId = await relay.createMap('Backed up');
  });
  afterAll(async () => {
    await relay.dispose();
    await restored?.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('backs up a running relay and restores every map, review documents included', async () => {
    const writer = newClient(relay, mapId);
    const token = relay.tokenFor(mapId) ?? '';
    const reviewer = newClient(relay, reviewRoomName(mapId), { params: { token } });
    const watcher = newClient(relay, mapId);
    await Promise.all([writer.synced(), reviewer.synced(), watcher.synced()]);
    writer.doc.getMap('m').set('before', 'backup');
    reviewer.doc.getMap('r').set('note', 'kept');
    await waitFor(() => watcher.doc.getMap('m').get('before') === 'backup', {
      what: 'the edit to be committed',
    });
    await new Promise((r) => setTimeout(r, 200));

    const file = join(work, 'warrant-backup.db');
    const backup = await warrant(['backup', file, '--data', relay.dataDir]);
    expect(backup.stderr).toMatch(/Backed up 2 maps/);
    expect(backup.code).toBe(0);
    // The relay kept running meanwhile; edits after the backup are not in it.
    writer.doc.getMap('m').set('after', 'backup');
    await waitFor(() => watcher.doc.getMap('m').get('after') === 'backup', {
      what: 'a later edit',
    });
    for (const c of [writer, reviewer, watcher]) c.destroy();

    // Refused while a relay runs on the directory.
    const busy = await warrant(['restore', file, '--data', relay.dataDir]);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/relay is running/);

    const target = mkdtempSync(join(tmpdir(), 'warrant-restored-'));
    const done = await warrant(['restore', file, '--data', target]);
    expect(done.stderr).toMatch(/Restored 2 maps .*every one opened/);
    expect(done.code).toBe(0);
    restored = await newRelay({ dataDir: target });
    restored.ownerTokens.set(mapId, token);
    const reader = newClient(restored, mapId);
    const reviewReader = newClient(restored, reviewRoomName(mapId), { params: { token } });
    await Promise.all([reader.synced(), reviewReader.synced()]);
    expect(reader.doc.getMap('m').get('before')).toBe('backup');
    expect(reader.doc.getMap('m').has('after')).toBe(false);
    expect(reviewReader.doc.getMap('r').get('note')).toBe('kept');
    reader.destroy();
    reviewReader.destroy();
    const listed = (await (await restored.fetch(`/api/maps/${mapId}`)).json()) as { title: string };
    expect(listed.title).toBe('Backed up');
  });

  it('backs up and restores a map whose big values are stored in pieces', async () => {
    const bigId = await relay.createMap('Big');
    const writer = newClient(relay, bigId);
    const watcher = newClient(relay, bigId);
    await Promise.all([writer.synced(), watcher.synced()]);
    // One 1.5 MB update: over the 512 KiB SQLite keeps in one row, so it is stored in pieces.
    const text = Array.from({ length: 1_500 }, (_, i) => `${i}`.padEnd(1_000, '.')).join('');
    writer.doc.getMap('m').set('big', text);
    await waitFor(() => watcher.doc.getMap('m').get('big') === text, {
      what: 'the big edit to be committed',
      timeoutMs: 30_000,
    });
    writer.destroy();
    watcher.destroy();

    const file = join(work, 'big-backup.db');
    const backup = await warrant(['backup', file, '--data', relay.dataDir]);
    expect(backup.code).toBe(0);
    const copy = new Database(file, { readonly: true });
    const pieces = copy.prepare('SELECT count(*) AS n FROM pieces').get() as { n: number };
    copy.close();
    expect(pieces.n).toBeGreaterThanOrEqual(3);

    const target = mkdtempSync(join(tmpdir(), 'warrant-restored-'));
    const done = await warrant(['restore', file, '--data', target]);
    expect(done.stderr).toMatch(/every one opened/);
    expect(done.code).toBe(0);
    const again = await newRelay({ dataDir: target });
    again.ownerTokens.set(bigId, relay.tokenFor(bigId) ?? '');
    try {
      const reader = newClient(again, bigId);
      await reader.synced();
      expect(reader.doc.getMap('m').get('big')).toBe(text);
      reader.destroy();
    } finally {
      await again.dispose();
    }
  }, 120_000);

  it('refuses a file that is not a Warrant database, changing nothing', async () => {
    const junk = join(work, 'junk.db');
    writeFileSync(junk, 'not a database at all, just text that is long enough to read');
    const target = mkdtempSync(join(tmpdir(), 'warrant-restored-'));
    const res = await warrant(['restore', junk, '--data', target]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/not a (Warrant )?database/);
    rmSync(target, { recursive: true, force: true });
  });

  it('refuses to overwrite a backup without --force', async () => {
    const file = join(work, 'exists.db');
    writeFileSync(file, 'x');
    const res = await warrant(['backup', file, '--data', relay.dataDir]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/--force/);
  });

  it('says how to back up PostgreSQL when DATABASE_URL is set', async () => {
    const res = await warrant(['backup', join(work, 'pg.db')], {
      env: { DATABASE_URL: 'postgres://warrant@127.0.0.1:5432/warrant' },
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/pg_dump --format=custom/);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { describeAuthContract } from '../authContract.ts';
import { SqliteAuth } from './SqliteAuth.ts';

describeAuthContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warrant-auth-'));
  const file = join(dir, 'warrant.db');
  let store = new SqliteAuth(file);
  return {
    get store() {
      return store;
    },
    async reopen() {
      await store.close();
      store = new SqliteAuth(file);
      return store;
    },
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

it('writes no token to the database file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warrant-auth-'));
  const file = join(dir, 'warrant.db');
  const store = new SqliteAuth(file);
  const link = await store.createLink('map1', 'editor');
  await store.close();
  const bytes = [file, `${file}-wal`]
    .map((f) => {
      try {
        return readFileSync(f).toString('latin1');
      } catch {
        return '';
      }
    })
    .join('');
  expect(bytes).not.toContain(link.token);
  rmSync(dir, { recursive: true, force: true });
});

it('widens the role checks of a file written before commenters, keeping its links', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warrant-auth-'));
  const file = join(dir, 'warrant.db');
  const before = new SqliteAuth(file);
  const old = await before.createLink('map1', 'viewer');
  await before.setPublicRole('map1', 'viewer');
  await before.close();
  // Rewind the tables to the checks of the build before commenters.
  const db = new Database(file);
  db.exec(`
    CREATE TABLE s2 (id TEXT PRIMARY KEY, map_id TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
      token_hash TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL, revoked_at INTEGER) STRICT;
    INSERT INTO s2 SELECT id, map_id, role, token_hash, created_at, revoked_at FROM share_links; DROP TABLE share_links;
    ALTER TABLE s2 RENAME TO share_links;
    CREATE TABLE p2 (map_id TEXT PRIMARY KEY,
      role TEXT NOT NULL CHECK (role IN ('editor', 'viewer'))) STRICT;
    INSERT INTO p2 SELECT * FROM public_maps; DROP TABLE public_maps;
    ALTER TABLE p2 RENAME TO public_maps;
  `);
  expect(() => db.prepare("INSERT INTO public_maps VALUES ('m2', 'commenter')").run()).toThrow(
    /CHECK/,
  );
  db.close();

  const store = new SqliteAuth(file);
  expect((await store.resolve(old.token))?.role).toBe('viewer');
  expect((await store.listLinks('map1')).map((l) => l.label)).toEqual([null]);
  const named = await store.createLink('map1', 'editor', 'Ada');
  expect((await store.listLinks('map1')).find((l) => l.id === named.id)?.label).toBe('Ada');
  expect(await store.publicRole('map1')).toBe('viewer');
  const link = await store.createLink('map1', 'commenter');
  expect((await store.resolve(link.token))?.role).toBe('commenter');
  await store.setPublicRole('map2', 'commenter');
  expect(await store.publicRole('map2')).toBe('commenter');
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

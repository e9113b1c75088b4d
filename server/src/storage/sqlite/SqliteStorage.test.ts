import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StorageUnavailableError } from '../Storage.ts';
import { describeStorageContract } from '../storageContract.ts';
import { SqliteStorage } from './SqliteStorage.ts';

describeStorageContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warrant-sqlite-'));
  const file = join(dir, 'warrant.db');
  let storage = new SqliteStorage(file);
  return {
    storage,
    async reopen() {
      await storage.close();
      storage = new SqliteStorage(file);
      return storage;
    },
    async cleanup() {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeStorageContract('SQLite, in a namespace beside the maps', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warrant-sqlite-'));
  const file = join(dir, 'warrant.db');
  const maps = new SqliteStorage(file);
  let storage = new SqliteStorage(file, { namespace: 'review' });
  return {
    storage,
    async reopen() {
      await storage.close();
      storage = new SqliteStorage(file, { namespace: 'review' });
      return storage;
    },
    async cleanup() {
      await storage.close();
      await maps.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteStorage', () => {
  it('keeps a namespace apart from the maps in the same file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warrant-sqlite-'));
    const file = join(dir, 'warrant.db');
    const maps = new SqliteStorage(file);
    const review = new SqliteStorage(file, { namespace: 'review' });
    const snapshot = Uint8Array.of(0, 0);
    await maps.create({ id: 'm', title: 'Map', createdAt: 1, snapshot });
    await review.create({ id: 'm', title: '', createdAt: 2, snapshot });
    await review.append([{ mapId: 'm', update: Uint8Array.of(0, 0) }]);
    expect((await maps.list()).map((m) => m.title)).toEqual(['Map']);
    expect((await maps.load('m'))?.updates).toHaveLength(0);
    expect((await review.load('m'))?.updates).toHaveLength(1);
    expect(await review.delete('m')).toBe(true);
    expect(await maps.meta('m')).not.toBeNull();
    expect(() => new SqliteStorage(file, { namespace: 'x; DROP TABLE maps' })).toThrow(
      /lowercase letters/,
    );
    await review.close();
    await maps.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens a file written before summaries were kept, its maps without one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warrant-sqlite-'));
    const file = join(dir, 'warrant.db');
    const old = new Database(file);
    old.exec(`CREATE TABLE maps (
      id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL, snapshot BLOB NOT NULL,
      snapshot_seq INTEGER NOT NULL DEFAULT 0) STRICT`);
    old
      .prepare('INSERT INTO maps VALUES (?, ?, 1, 1, ?, 0)')
      .run('old', 'Old', Buffer.from([0, 0]));
    old.close();
    const storage = new SqliteStorage(file);
    try {
      expect(await storage.meta('old')).toEqual({
        id: 'old',
        title: 'Old',
        createdAt: 1,
        updatedAt: 1,
      });
      const summary = { schemaVersion: 1, stats: { claims: 0 } };
      await storage.create({
        id: 'new',
        title: 'New',
        createdAt: 2,
        snapshot: Buffer.from([0, 0]),
        summary,
      });
      expect((await storage.meta('new'))?.summary).toEqual(summary);
    } finally {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads beside a writer when opened read-only, and refuses writes without touching the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warrant-sqlite-'));
    const file = join(dir, 'warrant.db');
    const writer = new SqliteStorage(file);
    const reader = new SqliteStorage(file, { readonly: true });
    try {
      await writer.create({ id: 'm', title: 'M', createdAt: 1, snapshot: Buffer.from([0, 0]) });
      await writer.append([{ mapId: 'm', update: Buffer.from([0, 0]) }]);
      expect((await reader.list()).map((m) => m.id)).toEqual(['m']);
      expect((await reader.load('m'))?.updates).toHaveLength(1);
      await expect(
        reader.create({ id: 'x', title: 'X', createdAt: 1, snapshot: Buffer.from([0, 0]) }),
      ).rejects.toThrow(StorageUnavailableError);
      await reader.close();
      expect(await writer.meta('x')).toBeNull();
    } finally {
      await writer.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens no file read-only that does not exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warrant-sqlite-'));
    try {
      expect(() => new SqliteStorage(join(dir, 'warrant.db'), { readonly: true })).toThrow();
      expect(existsSync(join(dir, 'warrant.db'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SqliteStorage versions', () => {
  it('adds the versions table to a file written before versions, keeping its maps', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warrant-sqlite-'));
    const file = join(dir, 'warrant.db');
    const before = new SqliteStorage(file);
    await before.create({ id: 'old', title: 'Old', createdAt: 1, snapshot: Buffer.from([0, 0]) });
    await before.close();
    const raw = new Database(file);
    raw.exec('DROP TABLE versions');
    raw.close();
    const reader = new SqliteStorage(file, { readonly: true });
    expect(await reader.listVersions('old')).toEqual([]);
    await reader.close();
    const storage = new SqliteStorage(file);
    try {
      expect((await storage.meta('old'))?.title).toBe('Old');
      await storage.saveVersion({
        id: 'v',
        mapId: 'old',
        name: 'First',
        createdAt: 2,
        author: 'owner',
        auto: false,
        changes: {},
        snapshot: Buffer.from([0, 0]),
      });
      expect((await storage.listVersions('old')).map((v) => v.id)).toEqual(['v']);
    } finally {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

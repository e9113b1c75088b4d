import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

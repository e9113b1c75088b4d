import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

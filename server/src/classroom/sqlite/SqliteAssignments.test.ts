import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeAssignmentContract } from '../assignmentContract.ts';
import { SqliteAssignments } from './SqliteAssignments.ts';

describeAssignmentContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warrant-classroom-'));
  const file = join(dir, 'warrant.db');
  let store = new SqliteAssignments(file);
  return {
    get store() {
      return store;
    },
    async reopen() {
      await store.close();
      store = new SqliteAssignments(file);
      return store;
    },
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

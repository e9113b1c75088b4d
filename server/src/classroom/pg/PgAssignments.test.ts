import { afterAll, beforeAll, describe } from 'vitest';
import { useTestCluster } from '../../storage/pg/testCluster.ts';
import { describeAssignmentContract } from '../assignmentContract.ts';
import { PgAssignments } from './PgAssignments.ts';

const pg = useTestCluster({ beforeAll, afterAll });

describe.runIf(pg.available)('PostgreSQL', () => {
  describeAssignmentContract('PostgreSQL', async () => {
    const url = await pg.url();
    let store = await PgAssignments.open(url);
    return {
      get store() {
        return store;
      },
      async reopen() {
        await store.close();
        store = await PgAssignments.open(url);
        return store;
      },
      async cleanup() {
        await store.close().catch(() => {});
      },
    };
  });
});

import { afterAll, beforeAll, describe } from 'vitest';
import { useTestCluster } from '../../storage/pg/testCluster.ts';
import { describeAuthContract } from '../authContract.ts';
import { PgAuth } from './PgAuth.ts';

const pg = useTestCluster({ beforeAll, afterAll });

describe.runIf(pg.available)('PostgreSQL', () => {
  describeAuthContract('PostgreSQL', async () => {
    const url = await pg.url();
    let store = await PgAuth.open(url);
    return {
      get store() {
        return store;
      },
      async reopen() {
        await store.close();
        store = await PgAuth.open(url);
        return store;
      },
      async cleanup() {
        await store.close().catch(() => {});
      },
    };
  });
});

import { afterAll, beforeAll, describe } from 'vitest';
import {
  postgresAvailable,
  startTestCluster,
  type TestCluster,
} from '../../storage/pg/testCluster.ts';
import { describeAuthContract } from '../authContract.ts';
import { PgAuth } from './PgAuth.ts';

const available = postgresAvailable();
let cluster: TestCluster | null = null;

beforeAll(async () => {
  if (available) cluster = await startTestCluster();
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
}, 30_000);

describe.runIf(available)('PostgreSQL', () => {
  describeAuthContract('PostgreSQL', async () => {
    if (!cluster) throw new Error('no cluster');
    const url = await cluster.createDatabase();
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

import { generatedMap } from '@warrant/fixtures';
import { exportMap, listClaims } from '@warrant/shared';
import * as Y from 'yjs';
import { connectClient, whenSynced } from './lib/client.ts';
import { importIntoWarrant, type ServerUnderTest, type Target } from './lib/servers.ts';
import { median, preciseNow } from './lib/stats.ts';

export interface ColdSyncResult {
  server: string;
  claims: number;
  medianMs: number;
  samplesMs: number[];
  updateBytes: number;
}

/** A generated map: `claims` claims of ~150 characters, each a reason for an earlier one. */
export function generateMap(claims: number, seed = 1): Y.Doc {
  return generatedMap({ claims, seed });
}

/** Puts the map on the server: our API import, or a seeding client for the reference. */
async function seed(server: ServerUnderTest, doc: Y.Doc): Promise<Target> {
  if (server.name === 'warrant') return importIntoWarrant(server.port, exportMap(doc));
  return seedReference(server, doc);
}

/** The reference server has no import: a client pushes the map, and stays until it is there. */
export async function seedReference(server: ServerUnderTest, doc: Y.Doc): Promise<Target> {
  const target = await server.newRoom('coldsync');
  const seeder = connectClient(target, doc);
  await whenSynced(seeder.provider);
  // The seeder's own sync step 2 carries the map to the server; wait until a reader sees it.
  const expected = listClaims(doc).length;
  const deadline = Date.now() + 120_000;
  for (;;) {
    const probe = connectClient(target);
    await whenSynced(probe.provider);
    const got = listClaims(probe.doc).length;
    probe.provider.destroy();
    if (got === expected) break;
    if (Date.now() > deadline) throw new Error('reference never received the seeded map');
    await new Promise((r) => setTimeout(r, 200));
  }
  seeder.provider.destroy();
  return target;
}

export async function coldSync(
  server: ServerUnderTest,
  opts: { claims: number; repeats: number },
): Promise<ColdSyncResult> {
  const doc = generateMap(opts.claims);
  const updateBytes = Y.encodeStateAsUpdate(doc).byteLength;
  const target = await seed(server, doc);
  const samplesMs: number[] = [];
  // One unmeasured connection loads the map into memory on both servers.
  for (let i = 0; i <= opts.repeats; i++) {
    const t0 = preciseNow();
    const client = connectClient(target);
    await whenSynced(client.provider);
    const elapsed = preciseNow() - t0;
    const got = listClaims(client.doc).length;
    client.provider.destroy();
    if (got !== opts.claims)
      throw new Error(`${server.name}: synced ${got} of ${opts.claims} claims`);
    if (i > 0) samplesMs.push(elapsed);
  }
  return {
    server: server.name,
    claims: opts.claims,
    medianMs: median(samplesMs),
    samplesMs,
    updateBytes,
  };
}

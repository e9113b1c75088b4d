import { exportMap } from '@warrant/shared';
import type * as Y from 'yjs';
import { generateMap, seedReference } from './coldsync.ts';
import { connectClient, whenSynced } from './lib/client.ts';
import { importIntoWarrant, type ServerUnderTest, type Target } from './lib/servers.ts';

export interface MemoryResult {
  server: string;
  baselineMiB: number;
  /** RSS with k maps loaded (one client each), by k. */
  loadedMiB: Record<string, number>;
  /** RSS once every client left and the relay unloaded the maps (ours only). */
  afterUnloadMiB: number | null;
}

const mib = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;

async function loadedMaps(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('warrant_loaded_maps '));
  return line ? Number(line.split(' ')[1]) : NaN;
}

/**
 * Server RSS with 1, 10 and 100 loaded maps of 1,000 claims, and (for our relay, which
 * unloads idle maps) after every client has left.
 */
export async function memory(
  server: ServerUnderTest,
  opts: { steps: number[]; claims: number },
): Promise<MemoryResult> {
  const most = Math.max(...opts.steps);
  const template: Y.Doc = generateMap(opts.claims);
  const json = exportMap(template);
  const rooms: Target[] = [];
  for (let i = 0; i < most; i++) {
    if (server.name === 'warrant') {
      rooms.push(await importIntoWarrant(server.port, json));
    } else {
      rooms.push(await seedReference(server, template));
    }
  }
  await new Promise((r) => setTimeout(r, 1_000));
  const baselineMiB = mib(server.rssBytes());
  const clients: ReturnType<typeof connectClient>[] = [];
  const loadedMiB: Record<string, number> = {};
  for (const k of [...opts.steps].sort((a, b) => a - b)) {
    while (clients.length < k) {
      const target = rooms[clients.length]!;
      const c = connectClient(target);
      await whenSynced(c.provider);
      clients.push(c);
    }
    await new Promise((r) => setTimeout(r, 1_000));
    loadedMiB[String(k)] = mib(server.rssBytes());
  }
  clients.forEach((c) => c.provider.destroy());
  let afterUnloadMiB: number | null = null;
  if (server.name === 'warrant') {
    const deadline = Date.now() + 60_000;
    while ((await loadedMaps(server.port)) > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
    }
    await new Promise((r) => setTimeout(r, 2_000));
    afterUnloadMiB = mib(server.rssBytes());
  }
  return { server: server.name, baselineMiB, loadedMiB, afterUnloadMiB };
}

import { listClaims } from '@warrant/shared';
import * as Y from 'yjs';
import { generateMap } from './coldsync.ts';
import { connectClient, holdRoom, whenSynced } from './lib/client.ts';
import type { ServerUnderTest, Target } from './lib/servers.ts';

export interface MemoryResult {
  server: string;
  baselineMiB: number;
  /** RSS with k maps loaded (one client each), by k. */
  loadedMiB: Record<string, number>;
  /** RSS once every client left and the relay unloaded the maps (ours only). */
  afterUnloadMiB: number | null;
  /** Our relay's V8 heap in use with the most maps loaded, and after they unloaded. */
  loadedHeapMiB: number | null;
  afterUnloadHeapMiB: number | null;
  /** Whether the after-unload heap was read after a forced full collection. */
  afterUnloadCollected: boolean;
}

const mib = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;

async function gauge(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
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
  const seed = Y.encodeStateAsUpdate(template);
  // Both servers get their maps the same way: an empty room, filled by the connection that
  // then holds it (the reference keeps a room only while a connection holds it).
  const rooms: Target[] = [];
  for (let i = 0; i < most; i++) rooms.push(await server.newRoom(`memory ${i}`));
  await new Promise((r) => setTimeout(r, 1_000));
  const baselineMiB = mib(server.rssBytes());
  const holders: { close(): void }[] = [];
  const loadedMiB: Record<string, number> = {};
  for (const k of [...opts.steps].sort((a, b) => a - b)) {
    while (holders.length < k) {
      const target = rooms[holders.length]!;
      holders.push(await holdRoom(target, seed));
    }
    await new Promise((r) => setTimeout(r, 1_000));
    loadedMiB[String(k)] = mib(server.rssBytes());
  }
  const heapAtMost =
    server.name === 'warrant' ? mib(await gauge(server.port, 'warrant_heap_used_bytes')) : null;
  // Every held room really holds the whole map (checked on the last one, with a real client).
  const check = connectClient(rooms[most - 1]!);
  await whenSynced(check.provider);
  const got = listClaims(check.doc).length;
  check.provider.destroy();
  if (got !== opts.claims) throw new Error(`${server.name}: a held map has ${got} claims`);
  holders.forEach((h) => h.close());
  let afterUnloadMiB: number | null = null;
  let afterUnloadHeapMiB: number | null = null;
  let loadedHeapMiB: number | null = null;
  let afterUnloadCollected = false;
  if (server.name === 'warrant') {
    const deadline = Date.now() + 60_000;
    while ((await gauge(server.port, 'warrant_loaded_maps')) > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
    }
    await new Promise((r) => setTimeout(r, 2_000));
    // A forced collection (when the bench could start the relay with an inspector) makes the
    // heap figure what is still reachable; RSS still keeps pages V8 has not handed back.
    const collected = await server.collectGarbage?.();
    afterUnloadMiB = mib(server.rssBytes());
    afterUnloadHeapMiB = mib(
      collected?.heapUsedBytes ?? (await gauge(server.port, 'warrant_heap_used_bytes')),
    );
    afterUnloadCollected = collected !== undefined;
    loadedHeapMiB = heapAtMost;
  }
  return {
    server: server.name,
    baselineMiB,
    loadedMiB,
    afterUnloadMiB,
    loadedHeapMiB,
    afterUnloadHeapMiB,
    afterUnloadCollected,
  };
}

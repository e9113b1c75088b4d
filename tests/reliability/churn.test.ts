import { addClaim } from '@warrant/shared';
import { startRelay, configFromEnv, type Relay } from '@warrant/server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { waitFor } from '../helpers/wait.ts';

/**
 * Churn: 2,000 maps opened and closed again and again for a bounded time. Every room must
 * unload and the relay's heap must come back to where it was after the first pass (leaks of
 * the kind of y-websocket#23 and hocuspocus#1156 show up as steady growth here).
 *
 * The relay runs in this process so the heap can be measured after a forced collection
 * (`--expose-gc`, set for this project in vitest.config.ts).
 */
const MAPS = 2_000;
const AT_ONCE = 50;
const BUDGET_MS = 120_000;

const gc = (globalThis as { gc?: () => void }).gc;

describe('map churn', () => {
  let relay: Relay;
  let dataDir: string;
  const ids: string[] = [];
  const tokens = new Map<string, string>();
  const base = (): string => `http://127.0.0.1:${relay.port}`;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'warrant-churn-'));
    const config = configFromEnv({
      PORT: '0',
      HOST: '127.0.0.1',
      WARRANT_DATA: dataDir,
      WARRANT_UNLOAD_AFTER_MS: '50',
    });
    relay = await startRelay(config, pino({ level: 'silent' }));
    for (let i = 0; i < MAPS; i += AT_ONCE) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(AT_ONCE, MAPS - i) }, async (_, j) => {
          const res = await fetch(`${base()}/api/maps`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ title: `Churn ${i + j}` }),
          });
          const { id, ownerToken } = (await res.json()) as { id: string; ownerToken: string };
          tokens.set(id, ownerToken);
          return id;
        }),
      );
      ids.push(...batch);
    }
  });

  afterAll(async () => {
    await relay?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function gauge(name: string): Promise<number> {
    const text = await (await fetch(`${base()}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return Number(line?.split(' ')[1]);
  }

  /** Opens every map (some with an edit), closes it, and waits until all rooms unloaded. */
  async function pass(round: number): Promise<void> {
    for (let i = 0; i < ids.length; i += AT_ONCE) {
      await Promise.all(
        ids.slice(i, i + AT_ONCE).map(async (id, j) => {
          const doc = new Y.Doc();
          const provider = new WebsocketProvider(`ws://127.0.0.1:${relay.port}/sync`, id, doc, {
            WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
            disableBc: true,
            params: { token: tokens.get(id)! },
          });
          await waitFor(() => provider.synced, { timeoutMs: 30_000, what: `map ${id} to sync` });
          if ((i + j + round) % 10 === 0) addClaim(doc, { text: `round ${round}` });
          provider.destroy();
          doc.destroy();
        }),
      );
    }
    await waitFor(async () => (await gauge('warrant_loaded_maps')) === 0, {
      timeoutMs: 60_000,
      what: 'every map to unload',
    });
    expect(await gauge('warrant_connections')).toBe(0);
  }

  function heapAfterGc(): number {
    gc?.();
    gc?.();
    return process.memoryUsage().heapUsed;
  }

  it('unloads every map and returns to its memory baseline', async () => {
    expect(gc, 'run with --expose-gc').toBeTypeOf('function');
    const started = Date.now();
    await pass(0);
    const baseline = heapAfterGc();
    const heaps: number[] = [];
    let round = 1;
    // At least three more passes, as many as fit in the budget.
    while (round < 4 || Date.now() - started < BUDGET_MS / 2) {
      await pass(round++);
      heaps.push(heapAfterGc());
      if (Date.now() - started > BUDGET_MS) break;
    }
    const mib = (b: number): number => Math.round(b / 2 ** 20);
    process.stdout.write(
      `churn: ${round} passes over ${MAPS} maps; heap after GC ${mib(baseline)} MiB → ${heaps
        .map(mib)
        .join(', ')} MiB\n`,
    );
    // Steady state: the last pass ends within 10% (or 8 MiB) of the first one.
    expect(heaps.at(-1)!).toBeLessThan(Math.max(baseline * 1.1, baseline + 8 * 2 ** 20));
  });
});

/*
 * Sizing and pacing of big updates: which client updates are big enough to be cut into
 * slices off-thread (`offloadBytes`) or to move the map's doc off the event loop
 * (`hostUpdateBytes`), and applying slices a few at a time so the event loop keeps turning
 * (a client's big update, and a big map rebuilt at load).
 */

import { setImmediate as nextTurn } from 'node:timers/promises';
import { Defaults } from '../protocol/constants.ts';
import type { LogDeps } from './RoomLog.ts';

type SizeDeps = Pick<LogDeps, 'options' | 'offload' | 'model'>;

/** Default `offloadBytes`: about 50 ms of Yjs work in one go on a busy 2-core machine. */
export const OFFLOAD_BYTES = 256 * 1024;

/** Default `hostUpdateBytes`: an update half `Defaults.hostBytes` makes the map about that big. */
export const HOST_UPDATE_BYTES = Defaults.hostBytes / 2;

/** How long applying slices may hold the event loop before letting others run. */
export const SLICE_BUDGET_MS = 20;

/** From this size a client update is cut off-thread and applied in slices. */
export function offloadBytes(deps: Pick<LogDeps, 'options'>): number {
  return deps.options.offloadBytes ?? OFFLOAD_BYTES;
}

/** Whether `update` is cut into slices off-thread (there is an offload, and it is big). */
export function isBig(deps: SizeDeps, update: Uint8Array): boolean {
  return deps.offload !== undefined && update.byteLength >= offloadBytes(deps);
}

/** Whether `update` is big enough to move a map's doc off the event loop. */
export function movesOffThread(deps: SizeDeps, update: Uint8Array): boolean {
  const huge = update.byteLength >= (deps.options.hostUpdateBytes ?? HOST_UPDATE_BYTES);
  return huge && deps.offload !== undefined && deps.model.id !== undefined;
}

/**
 * Applies `slices` in order with `apply`, letting the event loop turn whenever one run of
 * them held it past `SLICE_BUDGET_MS`. Stops early (false) if `apply` returns false, or if
 * after such a turn `wanted` says the work is no longer wanted; true once all are applied.
 */
export async function applyPaced(
  slices: Iterable<Uint8Array>,
  apply: (slice: Uint8Array) => boolean,
  wanted: () => boolean = () => true,
): Promise<boolean> {
  let turn = performance.now();
  for (const slice of slices) {
    if (!apply(slice)) return false;
    if (performance.now() - turn > SLICE_BUDGET_MS) {
      await nextTurn();
      turn = performance.now();
      if (!wanted()) return false;
    }
  }
  return true;
}

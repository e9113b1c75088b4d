import type { Storage } from '../storage/Storage.ts';

/**
 * Makes the sample map if storage holds no map yet — once, even when several relays start
 * together on one empty database (under the storage's `exclusive` lock where it has one).
 * Resolves whether this call made it.
 */
export async function ensureSample(storage: Storage, make: () => Promise<void>): Promise<boolean> {
  const once = storage.exclusive?.bind(storage) ?? ((_name: string, work) => work());
  return once('sample', async () => {
    if ((await storage.list()).length > 0) return false;
    await make();
    return true;
  });
}

import { describe, expect, it, vi } from 'vitest';
import type * as Zod from 'zod';

/*
 * The client's map page evaluates the model's modules before it has read the map, and the
 * first zod schemas built in a page pay for zod's own warm-up (30–50 ms): none may be built
 * at import (`lazySchema`).
 */
const built = vi.hoisted(() => [] as string[]);
vi.mock('zod', async (importOriginal) => {
  const actual = await importOriginal<typeof Zod>();
  // Every schema built through `z.…`, by name, so the test below can say which one was.
  const z = new Proxy(actual.z, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        built.push(String(key));
        return Reflect.apply(value, target, args);
      };
    },
  });
  return { ...actual, z };
});

describe('the model', () => {
  it('builds no zod schema when imported, only when a schema is first used', async () => {
    const model = await import('./index.ts');
    expect(built, 'schemas built by importing @warrant/shared').toEqual([]);
    expect(model.errorResponseSchema.parse({ error: 'No such map.' })).toEqual({
      error: 'No such map.',
    });
    expect(built).toContain('strictObject');
  });
});

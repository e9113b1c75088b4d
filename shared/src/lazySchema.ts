/**
 * A schema built the first time it is used rather than when its module is evaluated.
 *
 * Building zod schemas is cheap once zod's own code has run, but the first ones built in a
 * page pay for that: tens of milliseconds of the browser's main thread (zod's code runs for the
 * first time), in modules that the client's map page evaluates before it has read the map.
 * Those schemas check API answers, imports, presence and writes, none of which the page needs
 * before its first cards, so this defers their building, and zod's warm-up with it, to their
 * first use.
 *
 * The result stands in for the schema everywhere: its properties and methods are the built
 * schema's, it can be composed into other schemas (`z.array(lazy)`, `lazy.extend(...)`), and
 * `z.infer<typeof lazy>` is the schema's type. `build` runs once. It is a stand-in, though, not
 * the schema: what looks a schema up by identity sees the stand-in where it was composed and
 * the built schema inside zod (zod's JSON Schema export of a `z.lazy` does), so a schema whose
 * parts refer to each other is built whole, in one `lazySchema`.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let schema: T | undefined;
  const built = (): T => (schema ??= build());
  return new Proxy(Object.create(null) as T, {
    get: (_target, key) => Reflect.get(built(), key),
    has: (_target, key) => Reflect.has(built(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(built()),
  });
}

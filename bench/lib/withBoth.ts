import {
  startReference,
  startWarrant,
  type ServerUnderTest,
  type StartOptions,
} from './servers.ts';

/** Per-connection limits high enough that a benchmark load generator is never throttled. */
export const UNLIMITED = {
  WARRANT_MAX_MESSAGES_PER_SECOND: '1000000',
  WARRANT_MAX_BYTES_PER_SECOND: String(1024 ** 3),
};

/**
 * Runs `fn` on our relay (with `env`) and on the reference server, one server at a time so
 * they never compete for the cores; `referenceFirst` turns the order round (alternate it
 * across runs: the machine drifts).
 */
export async function withBoth<T>(
  fn: (s: ServerUnderTest) => Promise<T>,
  env: Record<string, string> = {},
  referenceFirst = false,
  options: StartOptions = {},
): Promise<{ warrant: T; reference: T }> {
  const run = async (start: () => Promise<ServerUnderTest>): Promise<T> => {
    const server = await start();
    try {
      return await fn(server);
    } finally {
      await server.stop();
    }
  };
  const ours = () => run(() => startWarrant(env, options));
  const ref = () => run(() => startReference(options));
  if (referenceFirst) {
    const reference = await ref();
    return { warrant: await ours(), reference };
  }
  const warrant = await ours();
  return { warrant, reference: await ref() };
}

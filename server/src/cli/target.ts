import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { ConfigError, configFromEnv, type RelayConfig } from '../config.ts';
import { publicUrl } from '../welcome.ts';
import { CliFailure, UsageError, stringOption, type Io, type Parsed } from './args.ts';

/** What a command works on: a relay's data directory on this machine, or a relay over HTTP. */
export type Target =
  | { kind: 'data'; dir: string; config: RelayConfig }
  | { kind: 'url'; url: URL; token: string | undefined };

// `npm start` and `pnpm dev` run the relay in server/, so its `./data` is server/data.
const serverDir = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The relay's configuration as it would read it: the environment (WARRANT_DATA, PORT...)
 * resolved against server/, where `npm start` runs it.
 */
export function relayConfig(env: NodeJS.ProcessEnv): RelayConfig {
  try {
    return configFromEnv(env, serverDir);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliFailure(`${error.message}.`);
    throw error;
  }
}

/** `--data DIR` or `--url URL [--token T]`; without either, the relay's own data directory. */
export function targetOf(parsed: Parsed, io: Io, usage: string): Target {
  const data = stringOption(parsed, 'data');
  const url = stringOption(parsed, 'url');
  const token = stringOption(parsed, 'token');
  if (data !== undefined && url !== undefined) {
    throw new UsageError('Give --data or --url, not both.', usage);
  }
  if (url === undefined) {
    if (token !== undefined) {
      throw new UsageError('--token goes with --url (a data directory needs none).', usage);
    }
    const config = relayConfig(io.env);
    return {
      kind: 'data',
      dir: data === undefined ? config.dataDir : resolve(io.cwd, data),
      config,
    };
  }
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch {
    throw new UsageError(
      `--url ${url} is not a URL; give the relay's address, such as http://localhost:8080.`,
      usage,
    );
  }
  if (parsedUrl.protocol !== 'http:' && parsedUrl.protocol !== 'https:') {
    throw new UsageError(
      `--url must be an http:// or https:// address, not ${parsedUrl.protocol}`,
      usage,
    );
  }
  return { kind: 'url', url: parsedUrl, token };
}

/** The address a relay on this data directory listens on by default (HOST, PORT). */
export function defaultRelayUrl(config: RelayConfig): string {
  return publicUrl(config.host, config.port || 8080);
}

import { pino, type Logger } from 'pino';
import type { RelayConfig } from './config.ts';

/** Nothing logs tokens today; should a future log line carry one by name, it is censored. */
const redact = {
  paths: ['token', 'ownerToken', 'authorization', '*.token', '*.ownerToken', '*.authorization'],
  censor: '[redacted]',
};

/** Whether records are printed for a person: as configured, else when stdout is a terminal. */
export function wantsPretty(
  format: RelayConfig['logFormat'],
  stdout: { isTTY?: boolean } = process.stdout,
): boolean {
  return format ? format === 'pretty' : stdout.isTTY === true;
}

/**
 * The relay's logger: one JSON record per line for machines (log shippers, the tests), or one
 * readable line per record on a terminal.
 */
export async function createLogger(
  config: Pick<RelayConfig, 'logLevel' | 'logFormat'>,
): Promise<Logger> {
  const options = { level: config.logLevel, redact };
  if (!wantsPretty(config.logFormat)) return pino(options);
  // Imported only for a terminal, so JSON output (production, tests) never loads it.
  const { default: pretty } = await import('pino-pretty');
  return pino(
    options,
    pretty({
      colorize: process.stdout.isTTY === true,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname',
      singleLine: true,
      // Written at once, so the last lines before an exit are never lost.
      sync: true,
    }),
  );
}

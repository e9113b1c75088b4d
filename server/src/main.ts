import { ConfigError, configFromEnv } from './config.ts';
import { createLogger } from './logger.ts';
import { startRelay } from './relay.ts';
import { mapUrl, publicUrl, welcomeLine } from './welcome.ts';

/** `pnpm start`: one process serving the API, the sync endpoint and the client. */
async function main(): Promise<void> {
  let config;
  try {
    config = configFromEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = await createLogger(config);
  const relay = await startRelay(config, logger);
  const url = publicUrl(config.host, relay.port);
  // For people, in words (and nothing else, so it reads cleanly on a terminal); for machines,
  // `listening` with the details.
  logger.info(welcomeLine(url, relay.sample));
  const sampleUrl = relay.sample ? mapUrl(url, relay.sample.id) : undefined;
  logger.info({ port: relay.port, url, sampleUrl, dataDir: config.dataDir }, 'listening');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // A second signal or a stuck close must not leave the process hanging forever.
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 10_000).unref();
    relay.close().then(
      () => {
        logger.info('stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // Every input path handles its own errors; one that slips through is a bug to log loudly,
  // not a reason to drop every connection and every map in the process.
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection (a bug); the relay carries on');
  });
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('The relay could not start:', error);
  process.exit(1);
});

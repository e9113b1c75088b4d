import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from './config.ts';
import { Defaults } from './protocol/constants.ts';

describe('configFromEnv', () => {
  it('uses the documented defaults, with the data directory relative to the working directory', () => {
    const config = configFromEnv({}, '/srv/warrant');
    expect(config.port).toBe(8080);
    expect(config.dataDir).toBe('/srv/warrant/data');
    expect(config.maxMessageBytes).toBe(Defaults.maxMessageBytes);
    expect(config.unloadAfterMs).toBe(Defaults.unloadAfterMs);
    expect(config.host).toBeUndefined();
    expect(config.logFormat).toBeUndefined();
  });

  it('takes a log format of pretty or json, and nothing else', () => {
    expect(configFromEnv({ WARRANT_LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(configFromEnv({ WARRANT_LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => configFromEnv({ WARRANT_LOG_FORMAT: 'yaml' })).toThrow(/WARRANT_LOG_FORMAT/);
  });

  it('reads every override', () => {
    const config = configFromEnv(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        WARRANT_DATA: '/var/lib/warrant',
        WARRANT_MAX_MESSAGE_BYTES: '2048',
        WARRANT_UNLOAD_AFTER_MS: '250',
      },
      '/x',
    );
    expect(config).toMatchObject({
      port: 0,
      host: '127.0.0.1',
      dataDir: '/var/lib/warrant',
      maxMessageBytes: 2048,
      unloadAfterMs: 250,
    });
  });

  it('names every bad variable', () => {
    expect(() => configFromEnv({ PORT: 'eighty', WARRANT_MAX_MESSAGE_BYTES: '-1' })).toThrow(
      ConfigError,
    );
    expect(() => configFromEnv({ PORT: 'eighty', WARRANT_MAX_MESSAGE_BYTES: '-1' })).toThrow(
      /PORT.*WARRANT_MAX_MESSAGE_BYTES/,
    );
  });
});

/** What other packages (tests, bench) may import from the relay. */
export { startRelay, type Relay } from './relay.ts';
export { configFromEnv, type RelayConfig } from './config.ts';
export * from './protocol/constants.ts';
export type { Storage, MapMeta, StoredMap } from './storage/Storage.ts';
export { SqliteStorage } from './storage/sqlite/SqliteStorage.ts';
export { malformedUpdate } from './rooms/updateCheck.ts';

/** The wire contract between relay and client: see each file. */
export * from './wire.ts';
export * from './roles.ts';
export * from './refusals.ts';
export * from './grant.ts';

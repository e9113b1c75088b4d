/** The wire contract between relay and client (sync messages, roles, grants, HTTP answers): see each file. */
export * from './wire.ts';
export * from './roles.ts';
export * from './refusals.ts';
export * from './grant.ts';
export * from './api.ts';
export * from './versionsApi.ts';
export * from './compareApi.ts';
export * from './classroomApi.ts';
export * from './authorsApi.ts';
export * from './presence.ts';

#!/usr/bin/env node
// `pnpm warrant`: the command line runs from its TypeScript sources through tsx (a server
// dependency), as `pnpm dev` runs the relay.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');

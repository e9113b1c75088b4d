// Runs the pinned pnpm (from package.json "packageManager") without requiring a global
// install: a fresh machine with only Node 20+ gets it through npx.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager;

/** Runs `pnpm ...args` in the workspace root; returns the exit code. */
export function pnpm(args, options = {}) {
  const viaEnv = process.env.npm_execpath?.includes('pnpm');
  const [cmd, cmdArgs] = viaEnv
    ? [process.execPath, [process.env.npm_execpath, ...args]]
    : ['npx', ['-y', pinned, ...args]];
  const result = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', ...options });
  return result.status ?? 1;
}

/** Installs the workspace when node_modules is missing or older than the lockfile. */
export function ensureInstalled() {
  const code = pnpm(['install', '--frozen-lockfile', '--prefer-offline']);
  if (code !== 0) {
    console.error('Installing dependencies failed; see the messages above.');
    process.exit(code);
  }
}

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../server/bin/warrant.mjs', import.meta.url));

export interface CliRun {
  code: number | null;
  /** Standard output as bytes: exports must arrive byte for byte. */
  stdout: Buffer;
  stderr: string;
}

/** Runs `pnpm warrant ...args` (its bin, as the root script does) in `cwd`, with `stdin`. */
export function warrant(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; stdin?: Uint8Array | string } = {},
): Promise<CliRun> {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, INIT_CWD: options.cwd ?? process.cwd(), ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (err += chunk));
  child.stdin.end(options.stdin ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr: err }));
  });
}

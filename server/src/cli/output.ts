import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FormatData } from '@warrant/shared';
import { CliFailure, type Io } from './args.ts';

/** Writes `data` byte for byte to `-o FILE` (resolved where the person ran the command), or stdout. */
export async function writeOutput(
  data: FormatData,
  file: string | undefined,
  io: Io,
): Promise<string> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  if (file === undefined) {
    await new Promise<void>((done, fail) =>
      io.stdout.write(bytes, (error) => (error ? fail(error) : done())),
    );
    return 'standard output';
  }
  const path = resolve(io.cwd, file);
  try {
    writeFileSync(path, bytes);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new CliFailure(
      `Could not write ${path} (${typeof code === 'string' ? code : String(error)}). Check the folder exists and is writable.`,
    );
  }
  return path;
}

/** A line for the person at the terminal, on stderr so stdout stays the output. */
export function say(io: Io, line: string): void {
  io.stderr.write(`${line}\n`);
}

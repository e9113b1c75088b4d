import { CliFailure, UsageError, type Command, type Io } from './args.ts';

/**
 * `pnpm warrant`: exports, imports and lists maps through the relay's own code, on its data
 * directory or over its HTTP API. Output goes to stdout, messages to stderr. Exit codes: 0
 * done, 1 failed (one line saying what and what to do), 2 a command line to fix (with usage).
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  export: {
    summary: 'write a map as JSON, Argdown, AIF or a Markdown outline',
    load: async () => (await import('./export.ts')).exportCommand,
  },
  import: {
    summary: 'create a map from a Warrant JSON, Argdown, AIF or Kialo file',
    load: async () => (await import('./import.ts')).importCommand,
  },
  backup: {
    summary: "copy the relay's database, safely while it runs, and check the copy",
    load: async () => (await import('./backup.ts')).backupCommand,
  },
  restore: {
    summary: 'put a backup back as the database and open every map in it',
    load: async () => (await import('./backup.ts')).restoreCommand,
  },
  list: {
    summary: 'list the maps in a data directory, or the public maps of a relay',
    load: async () => (await import('./list.ts')).listCommand,
  },
};

const usage = `Usage: pnpm warrant <command> [options]     (pnpm warrant <command> --help for each)

${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`)
  .join('\n')}

By default commands work on the relay's data directory (WARRANT_DATA, else server/data);
--data DIR names another, --url URL reaches a running relay over HTTP instead.`;

/** Runs one command line; resolves with the exit code. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === '--help' || name === '-h' || name === 'help') {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    const command = name === undefined ? undefined : COMMANDS[name];
    if (!command || !Object.hasOwn(COMMANDS, name ?? '')) {
      throw new UsageError(
        name === undefined ? 'Name a command.' : `There is no command "${name}".`,
        usage,
      );
    }
    // Only the command asked for is loaded: start-up is most of a short command's time.
    await (await command.load()).run(rest, io);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`warrant: ${error.message}\n\n${error.usage}\n`);
      return 2;
    }
    if (error instanceof CliFailure) {
      io.stderr.write(`warrant: ${error.message}\n`);
      return 1;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(
      `warrant: an unexpected error (a bug; please report it with this):\n${detail}\n`,
    );
    return 1;
  }
}

const exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.env.INIT_CWD ?? process.cwd(),
  env: process.env,
});
// Set, not `process.exit()`, so everything written to a pipe is flushed first.
process.exitCode = exitCode;

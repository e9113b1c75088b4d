import { parseArgs } from 'node:util';

/** A command line that does not say what to do: exit 2, with the command's usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

/** Something that failed while doing what was asked: exit 1, with this one line. */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';
}

/** Where a command sends its output and reads relative paths and settings from. */
export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Relative paths resolve here: where the person ran `pnpm warrant` (INIT_CWD). */
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** One subcommand: its usage text and what it does with its arguments. */
export interface Command {
  readonly name: string;
  readonly usage: string;
  run(argv: readonly string[], io: Io): Promise<void>;
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** Options every command that reaches maps takes: a data directory, or a relay and a token. */
export const TARGET_OPTIONS = {
  data: { type: 'string' },
  url: { type: 'string' },
  token: { type: 'string' },
} as const satisfies OptionSpec;

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  help: boolean;
}

/**
 * `parseArgs`, strict, with `--help` added and exactly `positionals` arguments expected;
 * anything else is a `UsageError` carrying `usage`.
 */
export function parse(
  argv: readonly string[],
  options: OptionSpec,
  positionals: readonly string[],
  usage: string,
): Parsed {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinDashValues(argv, options),
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), usage);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const help = values.help === true;
  if (!help && parsed.positionals.length !== positionals.length) {
    const wanted = positionals.map((p) => `<${p}>`).join(' ');
    throw new UsageError(
      parsed.positionals.length < positionals.length
        ? `Missing ${wanted}.`
        : `Unexpected argument "${parsed.positionals[positionals.length]}".`,
      usage,
    );
  }
  return { values, positionals: parsed.positionals, help };
}

/** A string option's value, if given. */
export function stringOption(parsed: Parsed, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * `--token -x…` as `--token=-x…`: a value that starts with a dash (a random token may) would
 * otherwise be read by `parseArgs` as an option of its own and refused.
 */
function joinDashValues(argv: readonly string[], options: OptionSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : null;
    if (name && options[name]?.type === 'string' && next?.startsWith('-')) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

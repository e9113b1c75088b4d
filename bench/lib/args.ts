/**
 * Command-line options as the bench scripts take them: `--name=value`, `--name=a,b` and bare
 * `--flag`s, read from `process.argv` (or the list given).
 */
export class Args {
  constructor(private readonly argv: readonly string[] = process.argv.slice(2)) {}

  /** The value of `--name=value`, or undefined. */
  value(name: string): string | undefined {
    const prefix = `--${name}=`;
    return this.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
  }

  /** The values of `--name=a,b,c`, or undefined. */
  list(name: string): string[] | undefined {
    return this.value(name)?.split(',');
  }

  /** Whether the bare `--name` is given. */
  flag(name: string): boolean {
    return this.argv.includes(`--${name}`);
  }
}

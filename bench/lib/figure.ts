import { round } from './stats.ts';

/** What every figure of a run is told: the command line's settings. */
export interface RunSettings {
  /** `--quick`: shorter runs, smaller N (a smoke test of the harness). */
  readonly quick: boolean;
  /** `--clients=10,50`: the propagation figures at these client counts only. */
  readonly clientCounts: readonly number[] | undefined;
}

/** Where a figure reports: the printed table and the run's JSON. */
export interface Report {
  /** Prints one line of the table. */
  out(line?: string): void;
  /** The run's JSON (bench/results/<time>.json): each figure sets its own keys. */
  readonly results: Record<string, unknown>;
}

/**
 * One figure of `pnpm bench`: `--only=<name>` picks it. `options` says what it runs with
 * (from `--quick` and the like), `run` measures with them, prints its table and records its
 * results. A figure that cannot be measured throws; the run says so and goes on.
 */
export interface Figure<O = unknown> {
  readonly name: string;
  /** One line for `pnpm bench --help`. */
  readonly about: string;
  options(settings: RunSettings): O;
  run(options: O, report: Report): Promise<void>;
}

/** `ours / ref` as "1.23×", or "n/a" where either is missing. */
export const ratio = (ours: number, ref: number): string =>
  Number.isFinite(ours) && Number.isFinite(ref) && ref > 0 ? `${round(ours / ref, 2)}×` : 'n/a';

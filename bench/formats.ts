import { generatedMap } from '@warrant/fixtures';
import { exportMap, formats, type Format, type FormatId } from '@warrant/shared';
import { median, round } from './lib/stats.ts';

/**
 * Interchange speed (issue 13: importing a 5,000-claim Argdown or AIF file and exporting a
 * 10,000-claim map each under 2 s on the development machine). Everything runs in this
 * process, through the formats registry exactly as the relay's API and the command line call
 * it: text → JSON form → Y.Doc for imports (the map the relay would store), Y.Doc → text for
 * exports. Argdown's reference parser is loaded once before timing (the relay loads it on the
 * first import and keeps it); that load is reported on its own.
 */
export interface FormatsResult {
  importClaims: number;
  exportClaims: number;
  parserLoadMs: number;
  /** Median ms per import of the 5,000-claim file, by format, and the file's size. */
  imports: Record<string, { medianMs: number; samplesMs: number[]; bytes: number }>;
  /** Median ms per export of the 10,000-claim map, by format. */
  exports: Record<string, { medianMs: number; samplesMs: number[]; bytes: number }>;
}

function exporter(id: FormatId): NonNullable<Format['export']> {
  const run = formats[id].export;
  if (!run) throw new Error(`${id} does not export`);
  return run;
}

function importer(id: FormatId): NonNullable<Format['import']> {
  const run = formats[id].import;
  if (!run) throw new Error(`${id} does not import`);
  return run;
}

function time<T>(run: () => T): [number, T] {
  const start = performance.now();
  const value = run();
  return [performance.now() - start, value];
}

export async function formatsBench(options: {
  importClaims: number;
  exportClaims: number;
  repeats: number;
}): Promise<FormatsResult> {
  const [parserLoadMs] = [performance.now()];
  await formats.argdown.prepare?.();
  const loaded = performance.now() - parserLoadMs;

  const source = generatedMap({ claims: options.importClaims, seed: 5 });
  const imports: FormatsResult['imports'] = {};
  for (const id of ['json', 'argdown', 'aif'] as const satisfies FormatId[]) {
    const text = exporter(id)(source) as string;
    const samplesMs: number[] = [];
    for (let i = 0; i < options.repeats; i++) {
      const [ms, result] = time(() => importer(id)(text));
      if (exportMap(result.doc).claims.length !== options.importClaims) {
        throw new Error(`${id}: the import lost claims`);
      }
      samplesMs.push(round(ms, 0));
    }
    imports[id] = { medianMs: median(samplesMs), samplesMs, bytes: text.length };
  }

  const big = generatedMap({ claims: options.exportClaims, seed: 6 });
  const exports: FormatsResult['exports'] = {};
  for (const id of ['json', 'argdown', 'aif', 'md'] as const satisfies FormatId[]) {
    const samplesMs: number[] = [];
    let bytes = 0;
    for (let i = 0; i < options.repeats; i++) {
      const [ms, text] = time(() => exporter(id)(big));
      bytes = text.length;
      samplesMs.push(round(ms, 0));
    }
    exports[id] = { medianMs: median(samplesMs), samplesMs, bytes };
  }
  return {
    importClaims: options.importClaims,
    exportClaims: options.exportClaims,
    parserLoadMs: round(loaded, 0),
    imports,
    exports,
  };
}

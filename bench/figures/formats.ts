import { formatsBench } from '../formats.ts';
import type { Figure } from '../lib/figure.ts';

export const formatsFigure: Figure<{
  importClaims: number;
  exportClaims: number;
  repeats: number;
}> = {
  name: 'formats',
  about: 'import and export speed of every file format',
  options: ({ quick }) => ({
    importClaims: quick ? 1_000 : 5_000,
    exportClaims: quick ? 2_000 : 10_000,
    repeats: quick ? 2 : 5,
  }),
  async run(options, { out, results }) {
    const r = await formatsBench(options);
    out(
      `\nformats: import a ${r.importClaims}-claim file into a map, export a ${r.exportClaims}-claim map (ms, median of repeats; Argdown's parser loaded once in ${r.parserLoadMs} ms)`,
    );
    for (const [id, v] of Object.entries(r.imports)) {
      out(
        `  import ${id.padEnd(8)} ${String(v.medianMs).padStart(6)}   (${(v.bytes / 1e6).toFixed(1)} MB; ${v.samplesMs.join(', ')})`,
      );
    }
    for (const [id, v] of Object.entries(r.exports)) {
      out(
        `  export ${id.padEnd(8)} ${String(v.medianMs).padStart(6)}   (${(v.bytes / 1e6).toFixed(1)} MB; ${v.samplesMs.join(', ')})`,
      );
    }
    results.formats = r;
  },
};

import { classroomBench } from '../classroom.ts';
import type { Figure } from '../lib/figure.ts';

export const classroomFigure: Figure<{
  copies: number;
  claims: number;
  edited: number;
  repeats: number;
}> = {
  name: 'classroom',
  about: "the instructor's dashboard of a 200-copy assignment",
  options: ({ quick }) => ({
    copies: 200,
    claims: quick ? 50 : 200,
    edited: quick ? 5 : 20,
    repeats: quick ? 5 : 15,
  }),
  async run(options, { out, results }) {
    const r = await classroomBench(options);
    out(
      `\nclassroom: GET /api/assignments/:id, ${r.copies} copies of a ${r.claimsPerCopy}-claim map, ${r.edited} edited live (ms; issue 15: under 1,000)`,
    );
    out(
      `  dashboard median ${String(r.medianMs).padStart(6)}   first ${r.firstMs}   (${(r.bytes / 1e3).toFixed(0)} kB; ${r.samplesMs.join(', ')})`,
    );
    out(
      `  join per student median ${r.joinMs}; push of 5 template claims into every copy ${r.pushMs}`,
    );
    results.classroom = r;
  },
};

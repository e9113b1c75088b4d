import type { Figure } from '../lib/figure.ts';
import { browserFigure } from './browser.ts';
import { classroomFigure } from './classroom.ts';
import { coldSyncFigure } from './coldsync.ts';
import { compareFigure } from './compare.ts';
import { crossRelayFigure } from './crossrelay.ts';
import { diffFigure } from './diff.ts';
import { editPathFigure } from './editpath.ts';
import { evaluationFigure } from './evaluation.ts';
import { formatsFigure } from './formats.ts';
import { memoryFigure } from './memory.ts';
import { postgresFigure } from './postgres.ts';
import { propagationFigure } from './propagation.ts';
import { refreshFigure } from './refresh.ts';
import { reviewFigure } from './review.ts';
import { scaleFigure } from './scale.ts';
import { throughputFigure } from './throughput.ts';

/**
 * Every figure of `pnpm bench`, in the order a full run measures them: the quick in-process
 * and two-server figures first, the long PostgreSQL, Redis and 10,000-socket ones last. A new
 * figure is one file in this folder and one line here.
 */
export const FIGURES: readonly Figure[] = [
  propagationFigure,
  editPathFigure,
  coldSyncFigure,
  throughputFigure,
  memoryFigure,
  browserFigure,
  refreshFigure,
  formatsFigure,
  diffFigure,
  classroomFigure,
  compareFigure,
  reviewFigure,
  evaluationFigure,
  postgresFigure,
  crossRelayFigure,
  scaleFigure,
];

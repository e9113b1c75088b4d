import { z } from 'zod';
import { lazySchema } from '../lazySchema.ts';
import type { CopiesComparison } from '../compare/compareCopies.ts';
import type { CompareReport } from '../compare/compareMaps.ts';

/**
 * Answers of the comparison routes (server/README.md, "Comparing with a reference"), listed
 * in `API_RESPONSES` beside the others: the model's `CompareReport` and `CopiesComparison`.
 */

const id = lazySchema(() => z.string().min(1));
const count = lazySchema(() => z.number().int().min(0));
const unit = lazySchema(() => z.number().min(0).max(1));
const kind = lazySchema(() => z.enum(['support', 'rebut']));

const relationShape = lazySchema(() =>
  z.strictObject({
    id,
    kind,
    premises: z.array(id),
    target: z.union([z.strictObject({ claim: id }), z.strictObject({ relation: id })]),
  }),
);
const relationPair = lazySchema(() =>
  z.strictObject({
    reference: id,
    student: id,
    referenceKind: kind,
    studentKind: kind,
    premises: z.strictObject({ missing: z.array(id), extra: z.array(id) }),
  }),
);
const precisionRecall = lazySchema(() =>
  z.strictObject({ precision: unit, recall: unit, f1: unit }),
);
const compareScore = lazySchema(() =>
  z.strictObject({
    claims: precisionRecall,
    relations: precisionRecall,
    overall: unit,
  }),
);
const claimText = lazySchema(() => z.strictObject({ id, text: z.string() }));
const size = lazySchema(() => z.strictObject({ claims: count, relations: count }));

/**
 * `GET /api/maps/:a/compare/:b`: map `a` (the student's) compared with map `b` (the
 * reference); the caller's token (or the maps' public role) must let them read both.
 */
export const compareResponseSchema = lazySchema(
  () =>
    z.strictObject({
      student: size,
      reference: size,
      claims: z.strictObject({
        matched: z.array(
          z.strictObject({
            student: id,
            reference: id,
            by: z.enum(['passage', 'text']),
            similarity: unit,
            sharedPassages: count,
            studentText: z.string(),
            referenceText: z.string(),
          }),
        ),
        missing: z.array(claimText),
        extra: z.array(claimText),
      }),
      relations: z.strictObject({
        agree: z.array(relationPair),
        disagree: z.array(relationPair),
        missing: z.array(relationShape),
        extra: z.array(relationShape),
      }),
      score: compareScore,
      threshold: unit,
    }) satisfies z.ZodType<CompareReport>,
);
export type CompareResponse = z.infer<typeof compareResponseSchema>;

/**
 * One reference compared with every copy of an assignment (`compareCopies`), for the
 * assignment's comparison route: per copy its score and counts, per reference claim and
 * reason the copies that miss it or turn it around.
 */
export const copiesComparisonResponseSchema = lazySchema(
  () =>
    z.strictObject({
      copies: count,
      perCopy: z.array(
        z.strictObject({
          id,
          score: compareScore,
          matched: count,
          missing: count,
          extra: count,
          relations: z.strictObject({
            agree: count,
            disagree: count,
            missing: count,
            extra: count,
          }),
        }),
      ),
      claims: z.array(z.strictObject({ id, text: z.string(), missedBy: z.array(id) })),
      relations: z.array(relationShape.extend({ missedBy: z.array(id), disagreedBy: z.array(id) })),
    }) satisfies z.ZodType<CopiesComparison>,
);
export type CopiesComparisonResponse = z.infer<typeof copiesComparisonResponseSchema>;

/**
 * `GET /api/assignments/:id/compare?reference=source|template` (instructor token): every copy
 * of the assignment compared with the reference — by default the map the assignment was made
 * from (the instructor's own, model answer), or its template — as `compareCopies` answers,
 * with which map was the reference.
 */
export const assignmentComparisonResponseSchema = lazySchema(() =>
  copiesComparisonResponseSchema.extend({
    reference: z.strictObject({
      id,
      kind: z.enum(['source', 'template']),
      title: z.string(),
    }),
  }),
);
export type AssignmentComparisonResponse = z.infer<typeof assignmentComparisonResponseSchema>;

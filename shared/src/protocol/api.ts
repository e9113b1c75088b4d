import { z } from 'zod';
import { lazySchema } from '../lazySchema.ts';
import { mapJsonSchema } from '../formats/json/MapJson.ts';
import { MARK_KINDS } from '../review/Mark.ts';
import { SUGGESTION_STATUSES } from '../review/Suggestion.ts';
import { TARGET_KINDS } from '../review/target.ts';
import { authorsResponseSchema } from './authorsApi.ts';
import { assignmentComparisonResponseSchema, compareResponseSchema } from './compareApi.ts';
import { ROLES, SHARE_ROLES } from './roles.ts';
import {
  diffResponseSchema,
  newVersionResponseSchema,
  restoreResponseSchema,
  versionListResponseSchema,
} from './versionsApi.ts';
import {
  assignmentResponseSchema,
  feedbackResponseSchema,
  joinInfoResponseSchema,
  joinResponseSchema,
  newAssignmentResponseSchema,
  pushResponseSchema,
  releaseResponseSchema,
  rubricSchema,
  gradeSchema,
} from './classroomApi.ts';

/**
 * The body of every JSON answer of the relay's HTTP API (server/README.md), one schema each,
 * with the TypeScript type inferred from it. The relay builds its answers typed by these
 * types, so a renamed field fails its typecheck; the client decodes answers with these
 * schemas, so a relay that answers otherwise is a clear error rather than an `undefined`
 * deep inside a view; tests/relay/contract.test.ts decodes every route's real answer.
 *
 * Objects are strict: a field this build does not know is a sign the two ends disagree. The
 * client is served by the relay it talks to, so a disagreement means a stale page, which
 * reloading fixes.
 */

/** Times are ISO 8601 in UTC, as `Date.prototype.toISOString` writes them. */
const time = lazySchema(() => z.iso.datetime());
const count = lazySchema(() => z.number().int().min(0));
const token = lazySchema(() => z.string().min(1));

/** What every answer says about a map. */
export const mapInfoSchema = lazySchema(() =>
  z.strictObject({
    id: z.string().min(1),
    title: z.string(),
    createdAt: time,
    updatedAt: time,
    /** Where to sync it: `/sync/<id>`, relative to the relay. */
    syncPath: z.string().startsWith('/'),
  }),
);
export type MapInfo = z.infer<typeof mapInfoSchema>;

/** A map in `GET /api/maps`, with the role anyone on the relay has on it without a link. */
export const listedMapSchema = lazySchema(() =>
  mapInfoSchema.extend({
    publicRole: z.enum(SHARE_ROLES).nullable(),
  }),
);
export type ListedMap = z.infer<typeof listedMapSchema>;

/** `GET /api/maps`: the maps open to everyone on this relay (private maps are never listed). */
export const mapListResponseSchema = lazySchema(() =>
  z.strictObject({ maps: z.array(listedMapSchema) }),
);
export type MapListResponse = z.infer<typeof mapListResponseSchema>;

/** `POST /api/maps` (201): the new map and its owner token, shown this once. */
export const createdMapResponseSchema = lazySchema(() =>
  mapInfoSchema.extend({
    role: z.literal('owner'),
    ownerToken: token,
  }),
);
export type CreatedMapResponse = z.infer<typeof createdMapResponseSchema>;

/**
 * What an import did with the map's passages: how many there are, how many were re-anchored
 * only fuzzily, and those not found at all (kept, orphaned) with their quotes, so a person
 * can look for them.
 */
export const importSummarySchema = lazySchema(() =>
  z.strictObject({
    /** The format the file was read as (named by `?format=` or told from its content). */
    format: z.string().min(1),
    claims: count,
    relations: count,
    passages: count,
    fuzzy: count,
    orphaned: z.array(z.strictObject({ id: z.string().min(1), quote: z.string() })),
    /** What the file held that the map has no place for (`dropped`) or holds only roughly. */
    notes: z.array(
      z.strictObject({
        kind: z.enum(['dropped', 'approximated']),
        at: z.string(),
        message: z.string(),
      }),
    ),
  }),
);
export type ImportSummary = z.infer<typeof importSummarySchema>;

/** `POST /api/maps/import` (201): as `POST /api/maps`, plus what the import did. */
export const importedMapResponseSchema = lazySchema(() =>
  createdMapResponseSchema.extend({
    import: importSummarySchema,
  }),
);
export type ImportedMapResponse = z.infer<typeof importedMapResponseSchema>;

/**
 * `GET /api/maps/:id`: the map, the caller's role, and what it holds as committed. `stats`
 * counts records by kind (claims, relations, sources, passages, evidence): an open record,
 * because the relay keeps the model's summary with each snapshot without knowing its kinds.
 */
export const mapResponseSchema = lazySchema(() =>
  mapInfoSchema.extend({
    role: z.enum(ROLES),
    schemaVersion: z.number().int().min(1),
    stats: z.record(z.string(), count),
  }),
);
export type MapResponse = z.infer<typeof mapResponseSchema>;

/** `GET /api/maps/:id/export` (and `?format=json`): the map's JSON form (shared/JSON.md). */
export const jsonExportResponseSchema = mapJsonSchema;

/** A share link as its owner sees it: never its token, which is shown once, at creation. */
export const shareLinkSchema = lazySchema(() =>
  z.strictObject({
    id: z.string().min(1),
    role: z.enum(ROLES),
    createdAt: time,
    revokedAt: time.nullable(),
    /**
     * Whom the link was handed to, when the relay knows (a student's name from joining an
     * assignment, or the label its owner gave it); absent otherwise.
     */
    label: z.string().optional(),
  }),
);
export type ShareLink = z.infer<typeof shareLinkSchema>;

/** `GET /api/maps/:id/links` (owner only): every link of the map, the owner's among them. */
export const linkListResponseSchema = lazySchema(() =>
  z.strictObject({ links: z.array(shareLinkSchema) }),
);
export type LinkListResponse = z.infer<typeof linkListResponseSchema>;

/** `POST /api/maps/:id/links` (201, owner only): the new link with its token, shown once. */
export const newLinkResponseSchema = lazySchema(() =>
  shareLinkSchema.extend({
    role: z.enum(SHARE_ROLES),
    token,
  }),
);
export type NewLinkResponse = z.infer<typeof newLinkResponseSchema>;

/**
 * Every failure under `/api` (4xx, 5xx): what happened and what to do, for a person; and for
 * a bad body or import, one line per problem.
 */
export const errorResponseSchema = lazySchema(() =>
  z.strictObject({
    error: z.string().min(1),
    details: z.array(z.string()).optional(),
  }),
);
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** `GET /healthz`: 200 `ok` while storage takes writes, 503 `degraded` with why while not. */
export const healthResponseSchema = lazySchema(() =>
  z.strictObject({
    status: z.enum(['ok', 'degraded']),
    storage: z.discriminatedUnion('writable', [
      z.strictObject({ writable: z.literal(true) }),
      z.strictObject({ writable: z.literal(false), error: z.string(), since: time }),
    ]),
  }),
);
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/**
 * `GET /readyz`: whether a load balancer should send this relay new connections. 200 while
 * it accepts them and storage takes writes; 503 once it is shutting down (so a rolling
 * restart drains it first) or while storage fails.
 */
export const readyResponseSchema = lazySchema(() =>
  z.strictObject({
    ready: z.boolean(),
    accepting: z.boolean(),
    storage: healthResponseSchema.shape.storage,
    /** `redis` when relays share maps through Redis, `none` for a relay on its own. */
    fanout: z.enum(['redis', 'none']),
  }),
);
export type ReadyResponse = z.infer<typeof readyResponseSchema>;

/**
 * Every JSON answer by route, for the contract test and for readers. `DELETE
 * /api/maps/:id/links/:linkId` answers 204 with no body; `/metrics` is Prometheus text.
 */
/** The semantics and mode `GET /api/maps/:id/evaluation` takes (shared/EVALUATION.md). */
export const EVALUATION_SEMANTICS = ['grounded', 'preferred'] as const;
export const EVALUATION_MODES = ['attack', 'burden'] as const;

const claimLabel = lazySchema(() => z.enum(['accepted', 'rejected', 'undecided']));
const ids = lazySchema(() => z.array(z.string().min(1)));

/**
 * `GET /api/maps/:id/evaluation?semantics=grounded|preferred&mode=attack|burden`: which
 * claims stand, as committed (`labels`; under preferred semantics the sceptical labels), each
 * reason's status, preferred semantics' extensions and credulous/sceptical acceptance, and
 * the author's checks.
 */
export const evaluationResponseSchema = lazySchema(() =>
  z.strictObject({
    semantics: z.enum(EVALUATION_SEMANTICS),
    mode: z.enum(EVALUATION_MODES),
    labels: z.record(z.string(), claimLabel),
    relations: z.record(z.string(), z.enum(['holds', 'fails', 'undecided'])),
    extensions: z.array(ids).optional(),
    extensionCount: count.optional(),
    credulous: z.record(z.string(), z.boolean()).optional(),
    sceptical: z.record(z.string(), z.boolean()).optional(),
    gaveUp: z.boolean().optional(),
    checks: z.strictObject({
      unsupported: ids,
      unanswered: ids,
      circular: z.array(ids),
      orphanedOnly: ids,
      brokenReasons: ids,
    }),
  }),
);
export type EvaluationResponse = z.infer<typeof evaluationResponseSchema>;

/** A person in review data: their device id and the name they gave. */
const reviewAuthorSchema = lazySchema(() => z.strictObject({ id: z.string(), name: z.string() }));

/** One comment; a deleted one keeps its place with empty text. */
export const reviewCommentSchema = lazySchema(() =>
  z.strictObject({
    id: z.string().min(1),
    author: reviewAuthorSchema,
    text: z.string(),
    createdAt: time,
    editedAt: time.optional(),
    deleted: z.boolean(),
  }),
);

/**
 * A thread: what it is on (`targetExists` false once that was deleted from the map), whether
 * it is resolved, and its comments in order (the first one opened it).
 */
export const reviewThreadSchema = lazySchema(() =>
  z.strictObject({
    id: z.string().min(1),
    target: z.strictObject({ kind: z.enum(TARGET_KINDS), id: z.string().min(1) }),
    targetExists: z.boolean(),
    resolved: z.boolean(),
    comments: z.array(reviewCommentSchema),
  }),
);

/** A review mark on a claim, by its author (one per author, claim and kind). */
export const reviewMarkSchema = lazySchema(() =>
  z.strictObject({
    claim: z.string().min(1),
    claimExists: z.boolean(),
    kind: z.enum(MARK_KINDS),
    note: z.string(),
    author: reviewAuthorSchema,
    createdAt: time,
  }),
);

/**
 * A suggestion: a new claim that supports or rebuts `claim` (`stance`), or new text for
 * `claim` (`original` is its text when suggested); with its decision once made.
 */
export const reviewSuggestionSchema = lazySchema(() =>
  z.strictObject({
    id: z.string().min(1),
    kind: z.enum(['claim', 'rewording']),
    claim: z.string().min(1),
    claimExists: z.boolean(),
    text: z.string(),
    stance: z.enum(['support', 'rebut']).optional(),
    original: z.string().optional(),
    author: reviewAuthorSchema,
    createdAt: time,
    status: z.enum(SUGGESTION_STATUSES),
    decidedBy: reviewAuthorSchema.optional(),
    decidedAt: time.optional(),
    /** Once accepted: the claim it made in the map. */
    createdClaim: z.string().optional(),
  }),
);

/**
 * `GET /api/maps/:id/comments` (any role that may read the map): the map's review layer as
 * committed, oldest first, for scripts and LMSs.
 */
export const commentsResponseSchema = lazySchema(() =>
  z.strictObject({
    threads: z.array(reviewThreadSchema),
    marks: z.array(reviewMarkSchema),
    suggestions: z.array(reviewSuggestionSchema),
  }),
);
export type CommentsResponse = z.infer<typeof commentsResponseSchema>;

export const API_RESPONSES = {
  'GET /api/maps': mapListResponseSchema,
  'POST /api/maps': createdMapResponseSchema,
  'POST /api/maps/import': importedMapResponseSchema,
  'GET /api/maps/:id': mapResponseSchema,
  'GET /api/maps/:id/export': jsonExportResponseSchema,
  'GET /api/maps/:id/evaluation': evaluationResponseSchema,
  'GET /api/maps/:id/comments': commentsResponseSchema,
  'GET /api/maps/:id/links': linkListResponseSchema,
  'POST /api/maps/:id/links': newLinkResponseSchema,
  'GET /api/maps/:id/versions': versionListResponseSchema,
  'POST /api/maps/:id/versions': newVersionResponseSchema,
  'GET /api/maps/:id/versions/:v/export': jsonExportResponseSchema,
  'POST /api/maps/:id/versions/:v/restore': restoreResponseSchema,
  'GET /api/maps/:id/diff': diffResponseSchema,
  'GET /api/maps/:a/compare/:b': compareResponseSchema,
  'POST /api/assignments': newAssignmentResponseSchema,
  'GET /api/assignments/:id': assignmentResponseSchema,
  'GET /api/assignments/:id/join': joinInfoResponseSchema,
  'POST /api/assignments/:id/join': joinResponseSchema,
  'PUT /api/assignments/:id/rubric': rubricSchema,
  'PUT /api/assignments/:id/copies/:copy/grade': gradeSchema,
  'POST /api/assignments/:id/release': releaseResponseSchema,
  'POST /api/assignments/:id/push': pushResponseSchema,
  'GET /api/maps/:id/feedback': feedbackResponseSchema,
  'GET /api/assignments/:id/compare': assignmentComparisonResponseSchema,
  'GET /api/maps/:id/authors': authorsResponseSchema,
  'GET /healthz': healthResponseSchema,
  'GET /readyz': readyResponseSchema,
  error: errorResponseSchema,
} as const satisfies Record<string, z.ZodType>;

/** The decoded answer of one route of `API_RESPONSES`. */
export type ApiResponse<R extends keyof typeof API_RESPONSES> = z.infer<(typeof API_RESPONSES)[R]>;

/** An answer that does not match its schema: this page and the relay disagree. */
export class ApiResponseError extends Error {
  override readonly name = 'ApiResponseError';
  constructor(
    readonly issues: string[],
    doing: string,
  ) {
    super(
      `${doing} failed: the relay answered in a form this page does not know ` +
        `(${issues.slice(0, 3).join('; ')}). Reload the page to get the version the relay serves.`,
    );
  }
}

/** A schema of this module, named so that callers need no zod of their own. */
export type ApiSchema<T> = z.ZodType<T>;

/** `body` decoded by `schema`, or `ApiResponseError` saying what did not match. */
export function decodeApiResponse<T>(schema: ApiSchema<T>, body: unknown, doing: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new ApiResponseError(
    parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`),
    doing,
  );
}

import { z } from 'zod';
import { lazySchema } from '../lazySchema.ts';
import { MAX_TITLE_LENGTH } from '../meta.ts';

/**
 * The classroom's routes (server/README.md, "The classroom"): assignments made from a map,
 * students' copies, the instructor's dashboard, rubric, grades and their release. Requests
 * are parsed with these schemas on the relay and built with their types in the client;
 * answers are listed in `API_RESPONSES` beside the others.
 *
 * Who may do what:
 * - `POST /api/assignments` needs the owner token of the map it is made from. It answers
 *   the assignment's **instructor token**: owner of the assignment's template map and of
 *   every copy, and the only key to the dashboard, rubric, grades and release.
 * - Anyone with the join link (`joinUrl`, which names the assignment's unguessable id) can
 *   read the join page (`GET …/join`) and join (`POST …/join`); joining answers an editor
 *   token for the student's own copy and nothing else.
 * - `GET /api/maps/:id/feedback` answers any token that reads a copy: the assignment's
 *   title and instructions always, the grade only once released.
 */

const time = lazySchema(() => z.iso.datetime());
const count = lazySchema(() => z.number().int().min(0));
const id = lazySchema(() => z.string().min(1));
const token = lazySchema(() => z.string().min(1));

/** Longest instructions, student name and group name a person may give. */
export const MAX_INSTRUCTIONS_LENGTH = 20_000;
export const MAX_STUDENT_NAME_LENGTH = 80;
export const MAX_GROUP_NAME_LENGTH = 80;
/** At most this many named groups, and this large a group by size. */
export const MAX_GROUPS = 200;
export const MAX_GROUP_SIZE = 50;
/** A rubric has at most this many criteria, each worth at most this many points. */
export const MAX_CRITERIA = 50;
export const MAX_CRITERION_POINTS = 1000;
export const MAX_FEEDBACK_LENGTH = 20_000;

/** What the students' copies start from: the whole map, or its sources and passages only. */
export const TEMPLATE_KINDS = ['map', 'sources'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

const studentName = lazySchema(() =>
  z.string().trim().min(1, 'must not be empty').max(MAX_STUDENT_NAME_LENGTH),
);
const groupName = lazySchema(() =>
  z.string().trim().min(1, 'must not be empty').max(MAX_GROUP_NAME_LENGTH),
);

/**
 * How students are grouped: absent (each student their own copy), named groups (a student
 * picks one), or a group size (students fill "Group 1", "Group 2", … in order of joining).
 */
export const groupingSchema = lazySchema(() =>
  z.union([
    z
      .array(groupName)
      .min(1)
      .max(MAX_GROUPS)
      .refine((names) => new Set(names).size === names.length, 'group names must differ'),
    z.strictObject({ size: z.number().int().min(1).max(MAX_GROUP_SIZE) }),
  ]),
);
export type Grouping = z.infer<typeof groupingSchema>;

/** `POST /api/assignments` (owner token of `map`). */
export const newAssignmentRequestSchema = lazySchema(() =>
  z.strictObject({
    map: id,
    title: z.string().trim().min(1, 'must not be empty').max(MAX_TITLE_LENGTH),
    instructions: z.string().max(MAX_INSTRUCTIONS_LENGTH).optional(),
    due: time.nullable().optional(),
    groups: groupingSchema.optional(),
    /** Defaults to `map`. */
    template: z.enum(TEMPLATE_KINDS).optional(),
  }),
);
export type NewAssignmentRequest = z.infer<typeof newAssignmentRequestSchema>;

/** The answer (201): the join link to hand out and the instructor's token, shown this once. */
export const newAssignmentResponseSchema = lazySchema(() =>
  z.strictObject({
    id,
    /** Relative to the relay, e.g. `/join/<id>`. */
    joinUrl: z.string().startsWith('/'),
    token,
    /** The template map the instructor edits and pushes to every copy. */
    templateMap: id,
  }),
);
export type NewAssignmentResponse = z.infer<typeof newAssignmentResponseSchema>;

/** One criterion of a rubric. */
export const criterionSchema = lazySchema(() =>
  z.strictObject({
    id,
    title: z.string().trim().min(1).max(MAX_TITLE_LENGTH),
    description: z.string().max(MAX_INSTRUCTIONS_LENGTH),
    points: z.number().min(0).max(MAX_CRITERION_POINTS),
  }),
);
export type Criterion = z.infer<typeof criterionSchema>;

export const rubricSchema = lazySchema(() =>
  z.strictObject({
    criteria: z.array(criterionSchema).max(MAX_CRITERIA),
  }),
);
export type Rubric = z.infer<typeof rubricSchema>;

/** `PUT /api/assignments/:id/rubric`: criteria without an id get one. Answers the rubric. */
export const rubricRequestSchema = lazySchema(() =>
  z.strictObject({
    criteria: z.array(criterionSchema.extend({ id: id.optional() })).max(MAX_CRITERIA),
  }),
);
export type RubricRequest = z.infer<typeof rubricRequestSchema>;

/** `PUT /api/assignments/:id/copies/:copy/grade`: a score per criterion and overall feedback. */
export const gradeRequestSchema = lazySchema(() =>
  z.strictObject({
    scores: z.record(id, z.number().min(0).max(MAX_CRITERION_POINTS)),
    feedback: z.string().max(MAX_FEEDBACK_LENGTH),
  }),
);
export type GradeRequest = z.infer<typeof gradeRequestSchema>;

/** A copy's grade as the instructor sees it (and the student, once released). */
export const gradeSchema = lazySchema(() =>
  z.strictObject({
    scores: z.record(id, z.number()),
    feedback: z.string(),
    total: z.number(),
    /** The rubric's total points. */
    max: z.number(),
    gradedAt: time,
  }),
);
export type Grade = z.infer<typeof gradeSchema>;

/** What the dashboard counts in a copy. */
export const copyFiguresSchema = lazySchema(() =>
  z.strictObject({
    claims: count,
    reasons: count,
    citations: count,
    /** Claims with no supporting reason and no supporting citation (the model's check). */
    unsupported: count,
    openComments: count,
  }),
);
export type CopyFigures = z.infer<typeof copyFiguresSchema>;

/** Committed edits per time bucket, oldest first: the dashboard's sparkline. */
export const activitySchema = lazySchema(() =>
  z.strictObject({
    from: time,
    bucketMinutes: z.number().int().min(1),
    counts: z.array(count),
  }),
);
export type Activity = z.infer<typeof activitySchema>;

/** One student's or group's copy on the dashboard. */
export const copyRowSchema = lazySchema(() =>
  z.strictObject({
    /** The copy's map id (open it with the instructor token). */
    id,
    title: z.string(),
    /** The student (individual assignments) or the group's name. */
    name: z.string(),
    group: z.string().nullable(),
    members: z.array(z.strictObject({ name: z.string(), joinedAt: time })),
    figures: copyFiguresSchema,
    lastActivity: time.nullable(),
    activity: activitySchema,
    grade: gradeSchema.nullable(),
    /** When the grade and claim-level feedback were released to the copy, or null. */
    releasedAt: time.nullable(),
  }),
);
export type CopyRow = z.infer<typeof copyRowSchema>;

/** What anyone with the join link may read about the assignment. */
export const assignmentInfoSchema = lazySchema(() =>
  z.strictObject({
    id,
    title: z.string(),
    instructions: z.string(),
    due: time.nullable(),
    template: z.enum(TEMPLATE_KINDS),
    mode: z.enum(['individual', 'groups']),
    /** Whether a student picks their group when joining (named groups); by size they are placed. */
    pickGroup: z.boolean(),
    /** Groups students can pick (named groups) or fill (by size), with how many joined. */
    groups: z.array(z.strictObject({ name: z.string(), members: count, full: z.boolean() })),
    createdAt: time,
  }),
);
export type AssignmentInfo = z.infer<typeof assignmentInfoSchema>;

/** `GET /api/assignments/:id/join`: the join page's view. */
export const joinInfoResponseSchema = assignmentInfoSchema;
export type JoinInfoResponse = AssignmentInfo;

/** `GET /api/assignments/:id` (instructor token): the dashboard. */
export const assignmentResponseSchema = lazySchema(() =>
  assignmentInfoSchema.extend({
    joinUrl: z.string().startsWith('/'),
    /** The map it was made from, and the template the copies fork. */
    sourceMap: id,
    templateMap: id,
    rubric: rubricSchema,
    copies: z.array(copyRowSchema),
  }),
);
export type AssignmentResponse = z.infer<typeof assignmentResponseSchema>;

/** `POST /api/assignments/:id/join`: a name, and a group where the assignment has named ones. */
export const joinRequestSchema = lazySchema(() =>
  z.strictObject({
    name: studentName,
    group: groupName.optional(),
  }),
);
export type JoinRequest = z.infer<typeof joinRequestSchema>;

/** The answer: the student's copy (a group's members share one) and their own editor token. */
export const joinResponseSchema = lazySchema(() =>
  z.strictObject({
    assignment: id,
    copy: z.strictObject({ id, title: z.string(), syncPath: z.string().startsWith('/') }),
    token,
    role: z.literal('editor'),
    name: z.string(),
    group: z.string().nullable(),
  }),
);
export type JoinResponse = z.infer<typeof joinResponseSchema>;

/** `POST /api/assignments/:id/release {copies?}`: releases those copies' feedback (all without). */
export const releaseRequestSchema = lazySchema(() =>
  z.strictObject({ copies: z.array(id).optional() }),
);
export type ReleaseRequest = z.infer<typeof releaseRequestSchema>;
export const releaseResponseSchema = lazySchema(() =>
  z.strictObject({
    released: z.array(z.strictObject({ id, releasedAt: time })),
  }),
);
export type ReleaseResponse = z.infer<typeof releaseResponseSchema>;

/** `POST /api/assignments/:id/push`: what the template's changes added to every copy. */
export const pushResponseSchema = lazySchema(() =>
  z.strictObject({
    copies: count,
    /** Counts by kind of change in the template since the copies last had it. */
    changes: z.record(z.string(), count),
  }),
);
export type PushResponse = z.infer<typeof pushResponseSchema>;

/**
 * `GET /api/maps/:id/feedback` (any token reading a copy): the assignment, and the grade
 * only once released. 404 for a map that is no assignment's copy.
 */
export const feedbackResponseSchema = lazySchema(() =>
  z.strictObject({
    assignment: z.strictObject({
      id,
      title: z.string(),
      instructions: z.string(),
      due: time.nullable(),
    }),
    releasedAt: time.nullable(),
    rubric: rubricSchema.nullable(),
    grade: gradeSchema.nullable(),
  }),
);
export type FeedbackResponse = z.infer<typeof feedbackResponseSchema>;

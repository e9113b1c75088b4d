import type { CopyFigures, Grouping, Rubric, TemplateKind } from '@warrant/shared';

/**
 * The classroom's seam: assignments, their students' copies, who joined which, rubrics,
 * grades and their release, and the dashboard's cached figures and activity. Relay-side data
 * beside maps and share links, in the same database (SQLite `warrant.db`, or PostgreSQL);
 * the maps themselves (template and copies) are ordinary maps in `Storage`.
 *
 * Times are epoch milliseconds. Records are written whole where one person writes them (the
 * instructor's rubric, a grade); activity is added to, so concurrent commits never race.
 */
export interface AssignmentRecord {
  readonly id: string;
  readonly title: string;
  readonly instructions: string;
  readonly due: number | null;
  /** null: each student their own copy; else named groups or a group size. */
  readonly grouping: Grouping | null;
  readonly template: TemplateKind;
  /** The map it was made from, and the template map the copies fork. */
  readonly sourceMap: string;
  readonly templateMap: string;
  readonly createdAt: number;
  readonly rubric: Rubric;
}

/** A grade as stored; its total and maximum are computed against the rubric when read. */
export interface GradeRecord {
  readonly scores: Readonly<Record<string, number>>;
  readonly feedback: string;
  readonly gradedAt: number;
}

export interface CopyRecord {
  /** The copy's map id. */
  readonly mapId: string;
  readonly assignmentId: string;
  /** The student's name (individual assignments) or the group's. */
  readonly name: string;
  readonly group: string | null;
  readonly createdAt: number;
  readonly grade: GradeRecord | null;
  readonly releasedAt: number | null;
  /** What the dashboard shows, as of the copy's last recount; null before the first. */
  readonly figures: CopyFigures | null;
  readonly lastActivity: number | null;
}

export interface MemberRecord {
  readonly assignmentId: string;
  readonly copyId: string;
  readonly name: string;
  /** The student's own editor link on the copy. */
  readonly linkId: string;
  readonly joinedAt: number;
}

/** Committed edits of one copy in one time bucket (`bucket` counts buckets since 1970). */
export interface ActivityRecord {
  readonly copyId: string;
  readonly bucket: number;
  readonly count: number;
}

/** Thrown when a student's name is already taken in an assignment (compared case-blind). */
export class NameTakenError extends Error {
  constructor(readonly studentName: string) {
    super(`Someone named "${studentName}" has already joined this assignment.`);
    this.name = 'NameTakenError';
  }
}

export interface AssignmentStore {
  createAssignment(assignment: AssignmentRecord): Promise<void>;
  getAssignment(id: string): Promise<AssignmentRecord | null>;
  setRubric(id: string, rubric: Rubric): Promise<void>;
  /**
   * Records a student joining: their copy (made now if `copy` is given, i.e. the first of
   * its group) and their membership, in one transaction. Throws `NameTakenError` if the
   * assignment already has a member of that name.
   */
  join(input: { copy: CopyRecord | null; member: MemberRecord }): Promise<void>;
  /** The assignment's copies, oldest first. */
  listCopies(assignmentId: string): Promise<CopyRecord[]>;
  /** The assignment's members, in order of joining. */
  listMembers(assignmentId: string): Promise<MemberRecord[]>;
  /** The copy with that map id, or null if that map is no assignment's copy. */
  getCopy(mapId: string): Promise<CopyRecord | null>;
  /** The member holding that link, or null. */
  memberByLink(linkId: string): Promise<MemberRecord | null>;
  setGrade(mapId: string, grade: GradeRecord | null): Promise<void>;
  /** Marks those copies' feedback released at `at` (copies already released keep their time). */
  release(mapIds: readonly string[], at: number): Promise<void>;
  setFigures(mapId: string, figures: CopyFigures, lastActivity: number | null): Promise<void>;
  /** Adds committed edits to copies' buckets. */
  addActivity(entries: readonly ActivityRecord[]): Promise<void>;
  /** The assignment's copies' activity from bucket `from` on. */
  activity(assignmentId: string, from: number): Promise<ActivityRecord[]>;
  close(): Promise<void>;
}

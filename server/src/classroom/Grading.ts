import {
  newId,
  type FeedbackResponse,
  type Grade,
  type GradeRequest,
  type ReleaseResponse,
  type Rubric,
  type RubricRequest,
} from '@warrant/shared';
import type {
  AssignmentRecord,
  AssignmentStore,
  CopyRecord,
  GradeRecord,
} from './AssignmentStore.ts';
import { ClassroomError } from './ClassroomError.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * An assignment's rubric, its copies' grades and their release to students (server/README.md,
 * "The classroom"). Apart from the rest of the classroom because it is the instructor's
 * judgement of finished work: it reads the copies, never their maps, and a student sees none
 * of it until it is released.
 */
export class Grading {
  constructor(
    private readonly store: AssignmentStore,
    /** The assignment of that id, or a `ClassroomError` 404 (the service's `get`). */
    private readonly assignment: (id: string) => Promise<AssignmentRecord>,
  ) {}

  /** Replaces the rubric; criteria without an id get one. 400 for two criteria of one id. */
  async setRubric(a: AssignmentRecord, input: RubricRequest): Promise<Rubric> {
    const rubric: Rubric = {
      criteria: input.criteria.map((c) => ({ ...c, id: c.id ?? newId() })),
    };
    const ids = rubric.criteria.map((c) => c.id);
    if (new Set(ids).size !== ids.length) {
      throw new ClassroomError(400, 'Two criteria of the rubric have the same id.');
    }
    await this.store.setRubric(a.id, rubric);
    return rubric;
  }

  /** The copy of this assignment, or a 404. */
  async copyOf(a: AssignmentRecord, mapId: string): Promise<CopyRecord> {
    const copy = await this.store.getCopy(mapId);
    if (!copy || copy.assignmentId !== a.id) {
      throw new ClassroomError(404, `This assignment has no copy "${mapId}".`);
    }
    return copy;
  }

  /** Grades a copy against the rubric: each score for one of its criteria, within its points. */
  async grade(a: AssignmentRecord, mapId: string, input: GradeRequest): Promise<Grade> {
    await this.copyOf(a, mapId);
    const criteria = new Map(a.rubric.criteria.map((c) => [c.id, c]));
    for (const [id, score] of Object.entries(input.scores)) {
      const criterion = criteria.get(id);
      if (!criterion) {
        throw new ClassroomError(
          400,
          `The rubric has no criterion "${id}"; set the rubric first (PUT …/rubric).`,
        );
      }
      if (score > criterion.points) {
        throw new ClassroomError(
          400,
          `"${criterion.title}" is worth at most ${criterion.points} points, not ${score}.`,
        );
      }
    }
    const record: GradeRecord = {
      scores: input.scores,
      feedback: input.feedback,
      gradedAt: Date.now(),
    };
    await this.store.setGrade(mapId, record);
    return gradeOf(a.rubric, record);
  }

  /** Releases those copies' grades and comments (every copy without a list). */
  async release(
    a: AssignmentRecord,
    only: readonly string[] | undefined,
  ): Promise<ReleaseResponse> {
    const copies = await this.store.listCopies(a.id);
    const known = new Set(copies.map((c) => c.mapId));
    const unknown = (only ?? []).filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new ClassroomError(
        400,
        `This assignment has no copy ${unknown.map((u) => `"${u}"`).join(', ')}.`,
      );
    }
    const ids = only ? [...new Set(only)] : [...known];
    await this.store.release(ids, Date.now());
    const after = await this.store.listCopies(a.id);
    const wanted = new Set(ids);
    return {
      released: after
        .filter((c) => wanted.has(c.mapId) && c.releasedAt !== null)
        .map((c) => ({ id: c.mapId, releasedAt: iso(c.releasedAt ?? 0) })),
    };
  }

  /** What a copy's readers see: the assignment, and the grade only once released. */
  async feedback(mapId: string): Promise<FeedbackResponse | null> {
    const copy = await this.store.getCopy(mapId);
    if (!copy) return null;
    const a = await this.assignment(copy.assignmentId);
    const released = copy.releasedAt !== null;
    return {
      assignment: {
        id: a.id,
        title: a.title,
        instructions: a.instructions,
        due: a.due === null ? null : iso(a.due),
      },
      releasedAt: released ? iso(copy.releasedAt ?? 0) : null,
      rubric: a.rubric,
      grade: released && copy.grade ? gradeOf(a.rubric, copy.grade) : null,
    };
  }
}

/** A stored grade as shown: its total over the rubric's criteria, out of the rubric's total. */
export function gradeOf(rubric: Rubric, grade: GradeRecord): Grade {
  const criteria = new Set(rubric.criteria.map((c) => c.id));
  const total = Object.entries(grade.scores)
    .filter(([id]) => criteria.has(id))
    .reduce((sum, [, score]) => sum + score, 0);
  return {
    scores: { ...grade.scores },
    feedback: grade.feedback,
    total,
    max: rubric.criteria.reduce((sum, c) => sum + c.points, 0),
    gradedAt: iso(grade.gradedAt),
  };
}

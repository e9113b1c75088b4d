import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssignmentRecord, CopyRecord } from './AssignmentStore.ts';
import { ClassroomError } from './ClassroomError.ts';
import { gradeOf, Grading } from './Grading.ts';
import { SqliteAssignments } from './sqlite/SqliteAssignments.ts';

const rubric = {
  criteria: [
    { id: 'src', title: 'Sources', description: '', points: 5 },
    { id: 'why', title: 'Reasons', description: '', points: 10 },
  ],
};

const assignment: AssignmentRecord = {
  id: 'asg1',
  title: 'Article 51',
  instructions: 'Map the debate.',
  due: Date.UTC(2026, 11, 24),
  grouping: null,
  template: 'map',
  sourceMap: 'src1',
  templateMap: 'tpl1',
  createdAt: 1_000,
  rubric,
};

function copy(mapId: string, name: string): CopyRecord {
  return {
    mapId,
    assignmentId: assignment.id,
    name,
    group: null,
    createdAt: 10,
    grade: null,
    releasedAt: null,
    figures: null,
    lastActivity: null,
  };
}

/** The error a promise rejects with, for its status and message. */
async function failure(promise: Promise<unknown>): Promise<ClassroomError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ClassroomError))
    throw new Error(`expected a ClassroomError, got ${String(error)}`);
  return error;
}

describe('Grading', () => {
  let dir: string;
  let store: SqliteAssignments;
  let grading: Grading;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warrant-grading-'));
    store = new SqliteAssignments(join(dir, 'warrant.db'));
    await store.createAssignment(assignment);
    for (const [mapId, name] of [
      ['m1', 'Ada'],
      ['m2', 'Bo'],
    ] as const) {
      await store.join({
        copy: copy(mapId, name),
        member: {
          assignmentId: assignment.id,
          copyId: mapId,
          name,
          linkId: `l-${name}`,
          joinedAt: 10,
        },
      });
    }
    grading = new Grading(store, async (id) => {
      const found = await store.getAssignment(id);
      if (!found) throw new ClassroomError(404, `No assignment "${id}".`);
      return found;
    });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives criteria without an id one, and refuses two criteria of one id', async () => {
    const set = await grading.setRubric(assignment, {
      criteria: [{ title: 'Sources', description: '', points: 5 }],
    });
    expect(set.criteria[0]?.id).toMatch(/\S/);
    expect((await store.getAssignment(assignment.id))?.rubric).toEqual(set);

    const twice = { id: 'x', title: 'A', description: '', points: 1 };
    const refused = await failure(grading.setRubric(assignment, { criteria: [twice, twice] }));
    expect(refused.status).toBe(400);
    expect((await store.getAssignment(assignment.id))?.rubric).toEqual(set);
  });

  it('grades a copy: totals the scores out of the rubric, and keeps the grade', async () => {
    const grade = await grading.grade(assignment, 'm1', {
      scores: { src: 4, why: 7.5 },
      feedback: 'Good sources.',
    });
    expect(grade).toMatchObject({ total: 11.5, max: 15, feedback: 'Good sources.' });
    expect((await store.getCopy('m1'))?.grade?.scores).toEqual({ src: 4, why: 7.5 });
  });

  it('refuses a score for no criterion, above its points, or for another assignment’s copy', async () => {
    const unknown = await failure(
      grading.grade(assignment, 'm1', { scores: { nope: 1 }, feedback: '' }),
    );
    expect([unknown.status, unknown.message]).toEqual([400, expect.stringContaining('"nope"')]);

    const over = await failure(
      grading.grade(assignment, 'm1', { scores: { src: 6 }, feedback: '' }),
    );
    expect([over.status, over.message]).toEqual([400, expect.stringContaining('at most 5 points')]);

    const other = await failure(
      grading.grade({ ...assignment, id: 'asg2' }, 'm1', { scores: {}, feedback: '' }),
    );
    expect(other.status).toBe(404);
    expect((await store.getCopy('m1'))?.grade).toBeNull();
  });

  it('releases the copies named (every copy without a list) and refuses unknown ones', async () => {
    const refused = await failure(grading.release(assignment, ['m1', 'zz']));
    expect([refused.status, refused.message]).toEqual([400, expect.stringContaining('"zz"')]);
    expect((await store.getCopy('m1'))?.releasedAt).toBeNull();

    expect((await grading.release(assignment, ['m1', 'm1'])).released.map((r) => r.id)).toEqual([
      'm1',
    ]);
    expect((await store.getCopy('m2'))?.releasedAt).toBeNull();
    const all = await grading.release(assignment, undefined);
    expect(all.released.map((r) => r.id).sort()).toEqual(['m1', 'm2']);
  });

  it("shows a copy's grade in its feedback only once released; none for a map that is no copy", async () => {
    await grading.grade(assignment, 'm1', { scores: { src: 5 }, feedback: 'Well cited.' });
    const before = await grading.feedback('m1');
    expect(before).toMatchObject({ releasedAt: null, grade: null, rubric });
    expect(before?.assignment).toEqual({
      id: 'asg1',
      title: 'Article 51',
      instructions: 'Map the debate.',
      due: '2026-12-24T00:00:00.000Z',
    });

    await grading.release(assignment, ['m1']);
    const after = await grading.feedback('m1');
    expect(after?.releasedAt).toMatch(/^\d{4}-/);
    expect(after?.grade).toMatchObject({ total: 5, max: 15, feedback: 'Well cited.' });
    expect(await grading.feedback('not-a-copy')).toBeNull();
  });
});

describe('gradeOf', () => {
  it('counts only scores for criteria the rubric still has, out of its total', () => {
    const grade = gradeOf(rubric, {
      scores: { src: 3, gone: 9 },
      feedback: '',
      gradedAt: Date.UTC(2026, 0, 2),
    });
    expect(grade).toEqual({
      scores: { src: 3, gone: 9 },
      feedback: '',
      total: 3,
      max: 15,
      gradedAt: '2026-01-02T00:00:00.000Z',
    });
  });
});

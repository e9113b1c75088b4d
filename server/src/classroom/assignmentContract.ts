import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  NameTakenError,
  type AssignmentRecord,
  type AssignmentStore,
  type CopyRecord,
  type MemberRecord,
} from './AssignmentStore.ts';

export interface AssignmentHarness {
  store: AssignmentStore;
  /** Closes the store and opens the same data again, as a restarted relay would. */
  reopen(): Promise<AssignmentStore>;
  cleanup(): Promise<void>;
}

const assignment: AssignmentRecord = {
  id: 'asg1',
  title: 'Article 51',
  instructions: 'Map the debate.',
  due: Date.UTC(2026, 11, 24),
  grouping: { size: 2 },
  template: 'sources',
  sourceMap: 'src1',
  templateMap: 'tpl1',
  createdAt: 1_000,
  rubric: { criteria: [] },
};

function copy(mapId: string, name: string, createdAt: number): CopyRecord {
  return {
    mapId,
    assignmentId: assignment.id,
    name,
    group: name,
    createdAt,
    grade: null,
    releasedAt: null,
    figures: null,
    lastActivity: null,
  };
}

function member(copyId: string, name: string, joinedAt: number): MemberRecord {
  return { assignmentId: assignment.id, copyId, name, linkId: `link-${name}`, joinedAt };
}

/** The contract every assignment backend passes; each backend's test calls it with a factory. */
export function describeAssignmentContract(
  name: string,
  factory: () => Promise<AssignmentHarness>,
) {
  describe(`Assignment store contract: ${name}`, () => {
    let h: AssignmentHarness;
    beforeEach(async () => {
      h = await factory();
      await h.store.createAssignment(assignment);
    });
    afterEach(async () => {
      await h.cleanup();
    });

    it('keeps an assignment and its rubric across a restart', async () => {
      const rubric = {
        criteria: [{ id: 'c1', title: 'Sources', description: 'Cites them', points: 5 }],
      };
      await h.store.setRubric(assignment.id, rubric);
      expect(await (await h.reopen()).getAssignment(assignment.id)).toEqual({
        ...assignment,
        rubric,
      });
      expect(await h.store.getAssignment('nope')).toBeNull();
    });

    it('records copies and members in order, a group copy shared by its members', async () => {
      await h.store.join({ copy: copy('m1', 'Group 1', 10), member: member('m1', 'Ada', 10) });
      await h.store.join({ copy: null, member: member('m1', 'Bo', 11) });
      await h.store.join({ copy: copy('m2', 'Group 2', 12), member: member('m2', 'Cy', 12) });
      const store = await h.reopen();
      expect((await store.listCopies(assignment.id)).map((c) => c.mapId)).toEqual(['m1', 'm2']);
      expect((await store.listMembers(assignment.id)).map((m) => [m.name, m.copyId])).toEqual([
        ['Ada', 'm1'],
        ['Bo', 'm1'],
        ['Cy', 'm2'],
      ]);
      expect(await store.getCopy('m2')).toMatchObject({ name: 'Group 2', group: 'Group 2' });
      expect(await store.getCopy('tpl1')).toBeNull();
      expect(await store.memberByLink('link-Bo')).toMatchObject({ name: 'Bo', copyId: 'm1' });
      expect(await store.memberByLink('link-Zed')).toBeNull();
    });

    it('refuses a second member of the same name, case-blind, and keeps no copy for it', async () => {
      await h.store.join({ copy: copy('m1', 'Ada', 10), member: member('m1', 'Ada', 10) });
      await expect(
        h.store.join({
          copy: copy('m2', 'ada', 11),
          member: { ...member('m2', ' ada ', 11), linkId: 'other' },
        }),
      ).rejects.toBeInstanceOf(NameTakenError);
      expect((await h.store.listCopies(assignment.id)).map((c) => c.mapId)).toEqual(['m1']);
    });

    it('grades, releases once, and keeps figures and activity', async () => {
      await h.store.join({ copy: copy('m1', 'Ada', 10), member: member('m1', 'Ada', 10) });
      await h.store.join({ copy: copy('m2', 'Bo', 11), member: member('m2', 'Bo', 11) });
      const grade = { scores: { c1: 4 }, feedback: 'Good', gradedAt: 50 };
      await h.store.setGrade('m1', grade);
      await h.store.release(['m1'], 60);
      await h.store.release(['m1', 'm2'], 70);
      const figures = { claims: 3, reasons: 2, citations: 1, unsupported: 1, openComments: 0 };
      await h.store.setFigures('m2', figures, 80);
      await h.store.setFigures('m2', figures, null);
      await h.store.addActivity([
        { copyId: 'm1', bucket: 5, count: 2 },
        { copyId: 'm2', bucket: 6, count: 1 },
      ]);
      await h.store.addActivity([{ copyId: 'm1', bucket: 5, count: 3 }]);
      const store = await h.reopen();
      const [m1, m2] = await store.listCopies(assignment.id);
      expect(m1).toMatchObject({ grade, releasedAt: 60, figures: null });
      expect(m2).toMatchObject({ grade: null, releasedAt: 70, figures, lastActivity: 80 });
      expect(await store.activity(assignment.id, 0)).toEqual([
        { copyId: 'm1', bucket: 5, count: 5 },
        { copyId: 'm2', bucket: 6, count: 1 },
      ]);
      expect(await store.activity(assignment.id, 6)).toEqual([
        { copyId: 'm2', bucket: 6, count: 1 },
      ]);
      await store.setGrade('m1', null);
      expect((await store.getCopy('m1'))?.grade).toBeNull();
    });
  });
}

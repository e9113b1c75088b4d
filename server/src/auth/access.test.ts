import { describe, expect, it } from 'vitest';
import { roleFor, type AccessDeps, type CrossMapAccess } from './access.ts';
import { SqliteAuth } from './sqlite/SqliteAuth.ts';

/** A classroom of one assignment: template `tpl`, copy `copy`, a student link on the copy. */
async function classroom() {
  const auth = new SqliteAuth(':memory:');
  const instructor = await auth.createLink('tpl', 'owner');
  const student = await auth.createLink('copy', 'editor', 'Ada');
  const helper = await auth.createLink('copy', 'viewer');
  let released = false;
  const crossMap: CrossMapAccess = {
    roleVia: async (grant, mapId) =>
      grant.role === 'owner' && grant.mapId === 'tpl' && mapId === 'copy' ? 'owner' : null,
    reviewClosed: async (linkId, mapId) => mapId === 'copy' && !released && linkId === student.id,
  };
  const deps: AccessDeps = {
    auth,
    mapExists: async (id) => ['tpl', 'copy', 'other'].includes(id),
    crossMap,
  };
  return { deps, instructor, student, helper, release: () => (released = true) };
}

describe('roleFor across maps', () => {
  it("gives the instructor token owner on its assignment's copies and nothing else", async () => {
    const { deps, instructor } = await classroom();
    expect(await roleFor(deps, 'copy', instructor.token)).toMatchObject({
      granted: true,
      role: 'owner',
      linkId: instructor.id,
    });
    expect(await roleFor(deps, 'other', instructor.token)).toEqual({
      granted: false,
      why: 'other-map',
    });
  });

  it("closes a copy's review document to its student until release, and only to them", async () => {
    const { deps, student, helper, instructor, release } = await classroom();
    expect(await roleFor(deps, 'copy', student.token)).toMatchObject({ role: 'editor' });
    expect(await roleFor(deps, 'copy', student.token, 'review')).toEqual({
      granted: false,
      why: 'not-released',
    });
    expect(await roleFor(deps, 'copy', helper.token, 'review')).toMatchObject({ granted: true });
    expect(await roleFor(deps, 'copy', instructor.token, 'review')).toMatchObject({
      role: 'owner',
    });
    release();
    expect(await roleFor(deps, 'copy', student.token, 'review')).toMatchObject({
      granted: true,
      role: 'editor',
    });
  });

  it('grants nothing across maps without the classroom', async () => {
    const { deps, instructor } = await classroom();
    const plain: AccessDeps = { auth: deps.auth, mapExists: deps.mapExists };
    expect(await roleFor(plain, 'copy', instructor.token)).toEqual({
      granted: false,
      why: 'other-map',
    });
  });
});

import {
  addClaim,
  addPassage,
  addSource,
  API_RESPONSES,
  type ApiResponse,
  createMap,
  exportMap,
  listClaims,
  removeClaim,
  startThread,
} from '@warrant/shared';
import { CloseCodes } from '@warrant/server';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { claimTexts, newClient, RawClient, type StockClient } from '../helpers/client.ts';
import { newRelay, type RelayProcess } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';

type Route = keyof typeof API_RESPONSES;

/** A small seminar map: one source with a passage, and two claims. */
function seminarJson() {
  const doc = new Y.Doc();
  createMap(doc, { title: 'Article 51', createdAt: Date.UTC(2026, 0, 1) });
  const source = addSource(doc, {
    title: 'UN Charter',
    authors: [],
    issued: '1945',
    kind: 'treaty',
    body: 'Nothing in the present Charter shall impair the inherent right of self-defence.',
  });
  addPassage(doc, { source, exact: 'inherent right of self-defence' });
  addClaim(doc, { text: 'Self-defence is lawful.' });
  addClaim(doc, { text: 'Only against an armed attack.' });
  return exportMap(doc);
}

/**
 * The classroom over a real relay: assignments made from a map with its owner token, students
 * joining alone or in groups, each token opening only what it should (REST and sync), template
 * pushes merged into copies, grades hidden until released, the CSV and the export.
 */
describe('the classroom', () => {
  let relay: RelayProcess;
  let sourceMap: string;
  const clients: StockClient[] = [];

  async function call(
    path: string,
    init: { method?: string; body?: unknown; token?: string | null; raw?: string } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = {};
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined || init.raw !== undefined) {
      headers['content-type'] = 'application/json';
    }
    return relay.fetch(path, {
      method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
      headers,
      auth: false,
      ...(init.raw !== undefined
        ? { body: init.raw }
        : init.body !== undefined
          ? { body: JSON.stringify(init.body) }
          : {}),
    });
  }

  async function decode<R extends Route>(
    route: R,
    res: Response,
    status = 200,
  ): Promise<ApiResponse<R>> {
    const text = await res.text();
    expect(res.status, `${route}: ${text}`).toBe(status);
    return API_RESPONSES[route].parse(JSON.parse(text)) as ApiResponse<R>;
  }

  async function errorOf(res: Response, status: number): Promise<string> {
    const body = await decode('error', res, status);
    return body.error;
  }

  function client(mapId: string, token: string): StockClient {
    const c = newClient(relay, mapId, { params: { token } });
    clients.push(c);
    return c;
  }

  beforeAll(async () => {
    relay = await newRelay();
    const imported = await relay.fetch('/api/maps/import', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(seminarJson()),
    });
    expect(imported.status).toBe(201);
    sourceMap = ((await imported.json()) as { id: string }).id;
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await relay?.dispose();
  });

  describe('an individual assignment', () => {
    let made: ApiResponse<'POST /api/assignments'>;
    let ada: ApiResponse<'POST /api/assignments/:id/join'>;
    let bo: ApiResponse<'POST /api/assignments/:id/join'>;

    it('is made only with the owner token of its map', async () => {
      const body = { map: sourceMap, title: 'Self-defence', instructions: 'Map it.' };
      expect(await errorOf(await call('/api/assignments', { body }), 401)).toMatch(/share link/);
      const editor = (await (
        await relay.fetch(`/api/maps/${sourceMap}/links`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ role: 'editor' }),
        })
      ).json()) as { token: string };
      expect(
        await errorOf(await call('/api/assignments', { body, token: editor.token }), 403),
      ).toMatch(/owner/);
      made = await decode(
        'POST /api/assignments',
        await call('/api/assignments', { body, token: relay.tokenFor(sourceMap) }),
        201,
      );
      expect(made.joinUrl).toBe(`/join/${made.id}`);
    });

    it('refuses malformed and oversized bodies with 400, unknown maps with 404', async () => {
      const token = relay.tokenFor(sourceMap);
      for (const bad of [
        { map: sourceMap },
        { map: sourceMap, title: 'x'.repeat(201) },
        { map: sourceMap, title: 'x', groups: { size: 0 } },
        { map: sourceMap, title: 'x', groups: ['A', 'A'] },
        { map: sourceMap, title: 'x', surprise: true },
      ]) {
        await errorOf(await call('/api/assignments', { body: bad, token }), 400);
      }
      await errorOf(await call('/api/assignments', { raw: '{"map":', token }), 400);
      await errorOf(
        await call('/api/assignments', { body: { map: 'AAAAAAAAAAAAAAAA', title: 'x' }, token }),
        404,
      );
      await errorOf(await call('/api/assignments/nope-nope'), 404);
      await errorOf(await call('/api/assignments/nope-nope/join', { body: { name: 'A' } }), 404);
    });

    it('shows its join page to anyone and gives each student their own copy', async () => {
      const info = await decode(
        'GET /api/assignments/:id/join',
        await call(`/api/assignments/${made.id}/join`),
      );
      expect(info).toMatchObject({ title: 'Self-defence', mode: 'individual', groups: [] });
      ada = await decode(
        'POST /api/assignments/:id/join',
        await call(`/api/assignments/${made.id}/join`, { body: { name: 'Ada' } }),
        201,
      );
      bo = await decode(
        'POST /api/assignments/:id/join',
        await call(`/api/assignments/${made.id}/join`, { body: { name: 'Bo' } }),
        201,
      );
      expect(ada.copy.id).not.toBe(bo.copy.id);
      expect(ada.copy.title).toBe('Self-defence — Ada');
      expect(ada.group).toBeNull();
      // The name is taken (case-blind); a group in an individual assignment is refused.
      expect(
        await errorOf(
          await call(`/api/assignments/${made.id}/join`, { body: { name: ' ada ' } }),
          409,
        ),
      ).toMatch(/already joined/);
      await errorOf(
        await call(`/api/assignments/${made.id}/join`, { body: { name: 'Cy', group: 'Red' } }),
        400,
      );
      await errorOf(await call(`/api/assignments/${made.id}/join`, { body: { name: '' } }), 400);
      // The copy's link list names the student.
      const links = (await (
        await call(`/api/maps/${ada.copy.id}/links`, { token: made.token })
      ).json()) as { links: { role: string; label?: string }[] };
      expect(links.links).toContainEqual(expect.objectContaining({ role: 'editor', label: 'Ada' }));
    });

    it("opens a student's own copy only: not another's, not the template, not the dashboard", async () => {
      const own = await decode(
        'GET /api/maps/:id',
        await call(`/api/maps/${ada.copy.id}`, { token: ada.token }),
      );
      expect(own).toMatchObject({ role: 'editor', title: 'Self-defence — Ada' });
      expect(own.stats).toMatchObject({ claims: 2, sources: 1, passages: 1 });
      await errorOf(await call(`/api/maps/${bo.copy.id}`, { token: ada.token }), 403);
      await errorOf(await call(`/api/maps/${made.templateMap}`, { token: ada.token }), 403);
      await errorOf(await call(`/api/maps/${sourceMap}`, { token: ada.token }), 403);
      for (const path of ['', '/grades.csv', '/export']) {
        await errorOf(await call(`/api/assignments/${made.id}${path}`, { token: ada.token }), 403);
      }
      await errorOf(
        await call(`/api/assignments/${made.id}/push`, { method: 'POST', token: ada.token }),
        403,
      );
      await errorOf(await call(`/api/assignments/${made.id}`), 401);
      await errorOf(await call(`/api/assignments/${made.id}`, { token: 'x'.repeat(43) }), 401);
      // By sync too: another student's copy is refused.
      const other = await RawClient.open(relay, bo.copy.id, `?token=${ada.token}`);
      expect((await other.closedWith()).code).toBe(CloseCodes.Unauthorized.code);
    });

    it('lets the instructor token open every copy, by REST and by sync', async () => {
      for (const copy of [ada.copy.id, bo.copy.id]) {
        const described = await decode(
          'GET /api/maps/:id',
          await call(`/api/maps/${copy}`, { token: made.token }),
        );
        expect(described.role).toBe('owner');
      }
      const instructor = client(bo.copy.id, made.token);
      await instructor.synced();
      expect(claimTexts(instructor.doc)).toEqual([
        'Only against an armed attack.',
        'Self-defence is lawful.',
      ]);
      // The instructor's token does not reach maps outside the assignment.
      await errorOf(await call(`/api/maps/${sourceMap}`, { token: made.token }), 403);
    });

    it('pushes template additions into every copy without losing student work', async () => {
      const student = client(ada.copy.id, ada.token);
      const template = client(made.templateMap, made.token);
      await Promise.all([student.synced(), template.synced()]);
      addClaim(student.doc, { text: "Ada's own claim" });
      const armed = listClaims(template.doc).find((c) => c.text.startsWith('Only'));
      addClaim(template.doc, { text: 'Added by the instructor' });
      removeClaim(template.doc, armed!.id);
      await waitFor(
        async () => {
          const res = await call(`/api/maps/${made.templateMap}`, { token: made.token });
          return ((await res.json()) as { stats: { claims: number } }).stats.claims === 2;
        },
        { what: 'the template edits to commit' },
      );
      await waitFor(
        async () => {
          const res = await call(`/api/maps/${ada.copy.id}`, { token: ada.token });
          return ((await res.json()) as { stats: { claims: number } }).stats.claims === 3;
        },
        { what: "Ada's edit to commit" },
      );
      const pushed = await decode(
        'POST /api/assignments/:id/push',
        await call(`/api/assignments/${made.id}/push`, { method: 'POST', token: made.token }),
      );
      expect(pushed).toEqual({ copies: 2, changes: expect.objectContaining({ claims: 1 }) });
      // Both the student's edit and the template's addition; the template's deletion is not pushed.
      await waitFor(() => claimTexts(student.doc).includes('Added by the instructor'), {
        what: 'the push to reach the student',
      });
      expect(claimTexts(student.doc)).toEqual([
        "Ada's own claim",
        'Added by the instructor',
        'Only against an armed attack.',
        'Self-defence is lawful.',
      ]);
      const again = await decode(
        'POST /api/assignments/:id/push',
        await call(`/api/assignments/${made.id}/push`, { method: 'POST', token: made.token }),
      );
      expect(Object.values(again.changes).every((n) => n === 0)).toBe(true);
    });

    it('shows every copy on the dashboard with its figures and activity', async () => {
      const dashboard = await decode(
        'GET /api/assignments/:id',
        await call(`/api/assignments/${made.id}`, { token: made.token }),
      );
      expect(dashboard.copies.map((c) => c.name)).toEqual(['Ada', 'Bo']);
      const [adaRow, boRow] = dashboard.copies;
      expect(adaRow?.figures).toEqual({
        claims: 4,
        reasons: 0,
        citations: 0,
        unsupported: 4,
        openComments: 0,
      });
      expect(adaRow?.members.map((m) => m.name)).toEqual(['Ada']);
      expect(adaRow?.lastActivity).not.toBeNull();
      expect(adaRow?.activity.counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      expect(adaRow?.activity.counts).toHaveLength(96);
      // Bo never edited: the push is no activity of his.
      expect(boRow?.figures.claims).toBe(3);
      expect(boRow?.lastActivity).toBeNull();
      expect(dashboard.templateMap).toBe(made.templateMap);
      // Who did what names the student by the name they joined with.
      const authors = await decode(
        'GET /api/maps/:id/authors',
        await call(`/api/maps/${ada.copy.id}/authors`, { token: made.token }),
      );
      expect(authors.authors.map((a) => a.name)).toContain('Ada');
    });

    it('hides grades and comments from students until released, then shows them to that copy only', async () => {
      // The instructor comments on Ada's copy.
      const review = newClient(relay, `${ada.copy.id}/review`, { params: { token: made.token } });
      clients.push(review);
      await review.synced();
      const claim = listClaims(
        (await waitFor(() => clients.find((c) => c.provider.roomname === ada.copy.id))).doc,
      )[0]!;
      startThread(review.doc, {
        target: { kind: 'claim', id: claim.id },
        author: { id: 'teacher', name: 'Teacher' },
        text: 'Which passage backs this?',
      });
      const rubric = await decode(
        'PUT /api/assignments/:id/rubric',
        await call(`/api/assignments/${made.id}/rubric`, {
          method: 'PUT',
          token: made.token,
          body: {
            criteria: [
              { title: 'Sources', description: 'Cites passages', points: 5 },
              { title: 'Structure', description: 'Reasons hold together', points: 10 },
            ],
          },
        }),
      );
      const [sources, structure] = rubric.criteria;
      const grade = await decode(
        'PUT /api/assignments/:id/copies/:copy/grade',
        await call(`/api/assignments/${made.id}/copies/${ada.copy.id}/grade`, {
          method: 'PUT',
          token: made.token,
          body: { scores: { [sources!.id]: 4, [structure!.id]: 8 }, feedback: 'Good work' },
        }),
      );
      expect(grade).toMatchObject({ total: 12, max: 15, feedback: 'Good work' });
      await errorOf(
        await call(`/api/assignments/${made.id}/copies/${ada.copy.id}/grade`, {
          method: 'PUT',
          token: made.token,
          body: { scores: { [sources!.id]: 6 }, feedback: '' },
        }),
        400,
      );
      await errorOf(
        await call(`/api/assignments/${made.id}/copies/${made.templateMap}/grade`, {
          method: 'PUT',
          token: made.token,
          body: { scores: {}, feedback: '' },
        }),
        404,
      );

      const hidden = await decode(
        'GET /api/maps/:id/feedback',
        await call(`/api/maps/${ada.copy.id}/feedback`, { token: ada.token }),
      );
      expect(hidden).toMatchObject({ releasedAt: null, grade: null });
      expect(hidden.assignment.title).toBe('Self-defence');
      // Comments too: the review room and the comments route refuse the student.
      const early = await RawClient.open(relay, `${ada.copy.id}/review`, `?token=${ada.token}`);
      expect((await early.closedWith()).code).toBe(CloseCodes.FeedbackNotReleased.code);
      expect(
        await errorOf(await call(`/api/maps/${ada.copy.id}/comments`, { token: ada.token }), 403),
      ).toMatch(/not released/);

      const released = await decode(
        'POST /api/assignments/:id/release',
        await call(`/api/assignments/${made.id}/release`, {
          method: 'POST',
          token: made.token,
          body: { copies: [ada.copy.id] },
        }),
      );
      expect(released.released.map((r) => r.id)).toEqual([ada.copy.id]);
      const shown = await decode(
        'GET /api/maps/:id/feedback',
        await call(`/api/maps/${ada.copy.id}/feedback`, { token: ada.token }),
      );
      expect(shown.grade).toMatchObject({ total: 12, feedback: 'Good work' });
      const comments = await decode(
        'GET /api/maps/:id/comments',
        await call(`/api/maps/${ada.copy.id}/comments`, { token: ada.token }),
      );
      expect(comments.threads[0]?.comments[0]?.text).toBe('Which passage backs this?');
      const studentReview = newClient(relay, `${ada.copy.id}/review`, {
        params: { token: ada.token },
      });
      clients.push(studentReview);
      await studentReview.synced();
      // Bo's copy is not released: nothing shows there, and Bo cannot read Ada's feedback.
      expect(
        await decode(
          'GET /api/maps/:id/feedback',
          await call(`/api/maps/${bo.copy.id}/feedback`, { token: bo.token }),
        ),
      ).toMatchObject({ releasedAt: null, grade: null });
      await errorOf(await call(`/api/maps/${ada.copy.id}/feedback`, { token: bo.token }), 403);
      await errorOf(
        await call(`/api/maps/${sourceMap}/feedback`, { token: relay.tokenFor(sourceMap) }),
        404,
      );
      await errorOf(
        await call(`/api/assignments/${made.id}/release`, {
          method: 'POST',
          token: made.token,
          body: { copies: ['not-a-copy'] },
        }),
        400,
      );
      const dashboard = await decode(
        'GET /api/assignments/:id',
        await call(`/api/assignments/${made.id}`, { token: made.token }),
      );
      expect(dashboard.copies[0]?.figures.openComments).toBe(1);
      expect(dashboard.copies[0]?.releasedAt).not.toBeNull();
    });

    it('exports the grades as CSV, one row per student', async () => {
      const res = await call(`/api/assignments/${made.id}/grades.csv`, { token: made.token });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = (await res.text()).trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'student,group,copy,Sources (5),Structure (10),total,max,feedback,released',
      );
      expect(lines[1]).toMatch(new RegExp(`^Ada,,${ada.copy.id},4,8,12,15,Good work,\\d{4}-`));
      expect(lines[2]).toBe(`Bo,,${bo.copy.id},,,,15,,`);
    });

    it('exports every copy as JSON and Argdown in one zip', async () => {
      const res = await call(`/api/assignments/${made.id}/export`, { token: made.token });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/zip/);
      const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
      expect(Object.keys(files).sort()).toEqual(
        [
          `Ada (${ada.copy.id}).argdown`,
          `Ada (${ada.copy.id}).json`,
          `Bo (${bo.copy.id}).argdown`,
          `Bo (${bo.copy.id}).json`,
        ].sort(),
      );
      const json = JSON.parse(strFromU8(files[`Ada (${ada.copy.id}).json`]!)) as {
        title: string;
        claims: { text: string }[];
      };
      expect(json.title).toBe('Self-defence — Ada');
      expect(json.claims.map((c) => c.text)).toContain("Ada's own claim");
      expect(strFromU8(files[`Bo (${bo.copy.id}).argdown`]!)).toMatch(/Self-defence is lawful/);
    });

    it('compares every copy with the reference map and names who misses what', async () => {
      // Bo drops the armed-attack claim from his copy.
      const boClient = client(bo.copy.id, bo.token);
      await boClient.synced();
      const armed = listClaims(boClient.doc).find((c) => c.text.startsWith('Only'));
      removeClaim(boClient.doc, armed!.id);
      await waitFor(
        async () => {
          const res = await call(`/api/maps/${bo.copy.id}`, { token: bo.token });
          return ((await res.json()) as { stats: { claims: number } }).stats.claims === 2;
        },
        { what: "Bo's removal to commit" },
      );
      const route = `/api/assignments/${made.id}/compare`;
      const bySource = await decode(
        'GET /api/assignments/:id/compare',
        await call(route, { token: made.token }),
      );
      expect(bySource.reference).toEqual({ id: sourceMap, kind: 'source', title: 'Article 51' });
      expect(bySource.copies).toBe(2);
      const missed = Object.fromEntries(bySource.claims.map((c) => [c.text, c.missedBy]));
      expect(missed).toEqual({
        'Self-defence is lawful.': [],
        'Only against an armed attack.': [bo.copy.id],
      });
      const perCopy = Object.fromEntries(bySource.perCopy.map((c) => [c.id, c]));
      expect(perCopy[ada.copy.id]).toMatchObject({ matched: 2, missing: 0, extra: 2 });
      expect(perCopy[bo.copy.id]).toMatchObject({ matched: 1, missing: 1, extra: 1 });
      // The template as reference: it lost the armed-attack claim and gained the instructor's.
      const byTemplate = await decode(
        'GET /api/assignments/:id/compare',
        await call(`${route}?reference=template`, { token: made.token }),
      );
      expect(byTemplate.reference.kind).toBe('template');
      expect(byTemplate.claims.map((c) => c.text).sort()).toEqual([
        'Added by the instructor',
        'Self-defence is lawful.',
      ]);
      expect(byTemplate.claims.every((c) => c.missedBy.length === 0)).toBe(true);
      // Only the instructor; a reference that is neither is refused.
      await errorOf(await call(route, { token: ada.token }), 403);
      expect(
        await errorOf(await call(`${route}?reference=${sourceMap}`, { token: made.token }), 400),
      ).toMatch(/source.*template/);
    });
  });

  describe('across a restart', () => {
    it('keeps the assignment, its copies, tokens and grades', async () => {
      const made = await decode(
        'POST /api/assignments',
        await call('/api/assignments', {
          token: relay.tokenFor(sourceMap),
          body: { map: sourceMap, title: 'Kept' },
        }),
        201,
      );
      const joined = await decode(
        'POST /api/assignments/:id/join',
        await call(`/api/assignments/${made.id}/join`, { body: { name: 'Jo' } }),
        201,
      );
      await relay.restart();
      const dashboard = await decode(
        'GET /api/assignments/:id',
        await call(`/api/assignments/${made.id}`, { token: made.token }),
      );
      expect(dashboard.copies.map((c) => [c.id, c.name])).toEqual([[joined.copy.id, 'Jo']]);
      expect(
        (
          await decode(
            'GET /api/maps/:id',
            await call(`/api/maps/${joined.copy.id}`, { token: made.token }),
          )
        ).role,
      ).toBe('owner');
      expect(
        (
          await decode(
            'GET /api/maps/:id',
            await call(`/api/maps/${joined.copy.id}`, { token: joined.token }),
          )
        ).role,
      ).toBe('editor');
    });
  });

  describe('group assignments', () => {
    it('puts members of a named group on one copy, each with their own token', async () => {
      const made = await decode(
        'POST /api/assignments',
        await call('/api/assignments', {
          token: relay.tokenFor(sourceMap),
          body: { map: sourceMap, title: 'Teams', groups: ['Red', 'Blue'], template: 'sources' },
        }),
        201,
      );
      const join = (body: unknown) => call(`/api/assignments/${made.id}/join`, { body });
      const cy = await decode(
        'POST /api/assignments/:id/join',
        await join({ name: 'Cy', group: 'Red' }),
        201,
      );
      const di = await decode(
        'POST /api/assignments/:id/join',
        await join({ name: 'Di', group: 'red' }),
        201,
      );
      const ed = await decode(
        'POST /api/assignments/:id/join',
        await join({ name: 'Ed', group: 'Blue' }),
        201,
      );
      expect(di.copy.id).toBe(cy.copy.id);
      expect(di.group).toBe('Red');
      expect(di.token).not.toBe(cy.token);
      expect(ed.copy.id).not.toBe(cy.copy.id);
      expect(cy.copy.title).toBe('Teams — Red');
      expect(await errorOf(await join({ name: 'Fi', group: 'Green' }), 400)).toMatch(
        /"Red", "Blue"/,
      );
      await errorOf(await join({ name: 'Fi' }), 400);
      // The sources-only template: sources and passages, no claims.
      const copy = await decode(
        'GET /api/maps/:id',
        await call(`/api/maps/${cy.copy.id}`, { token: di.token }),
      );
      expect(copy.stats).toMatchObject({ claims: 0, sources: 1, passages: 1 });
      const info = await decode(
        'GET /api/assignments/:id/join',
        await call(`/api/assignments/${made.id}/join`),
      );
      expect(info.groups).toEqual([
        { name: 'Red', members: 2, full: false },
        { name: 'Blue', members: 1, full: false },
      ]);
    });

    it('fills groups by size in order of joining', async () => {
      const made = await decode(
        'POST /api/assignments',
        await call('/api/assignments', {
          token: relay.tokenFor(sourceMap),
          body: { map: sourceMap, title: 'Pairs', groups: { size: 2 } },
        }),
        201,
      );
      const joined = [];
      for (const name of ['Gus', 'Hal', 'Ivy']) {
        joined.push(
          await decode(
            'POST /api/assignments/:id/join',
            await call(`/api/assignments/${made.id}/join`, { body: { name } }),
            201,
          ),
        );
      }
      expect(joined.map((j) => j.group)).toEqual(['Group 1', 'Group 1', 'Group 2']);
      expect(joined[1]?.copy.id).toBe(joined[0]?.copy.id);
      const dashboard = await decode(
        'GET /api/assignments/:id',
        await call(`/api/assignments/${made.id}`, { token: made.token }),
      );
      expect(dashboard.copies.map((c) => [c.name, c.members.map((m) => m.name)])).toEqual([
        ['Group 1', ['Gus', 'Hal']],
        ['Group 2', ['Ivy']],
      ]);
      const csv = await (
        await call(`/api/assignments/${made.id}/grades.csv`, { token: made.token })
      ).text();
      expect(
        csv
          .split('\r\n')
          .slice(1, 4)
          .map((l) => l.split(',')[0]),
      ).toEqual(['Gus', 'Hal', 'Ivy']);
    });
  });
});

import {
  API_RESPONSES,
  type ApiResponse,
  createMap,
  mapStats,
  type CreatedMapResponse,
  type NewLinkResponse,
} from '@warrant/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RelayProcess } from '../helpers/relay.ts';
import { newRelay } from '../helpers/relay.ts';

type Route = keyof typeof API_RESPONSES;

/**
 * The relay's real answers, decoded by the shared schemas the client decodes them with
 * (shared/src/protocol/api.ts): a field renamed, added or dropped on either side fails here.
 */
describe('HTTP API contract', () => {
  let relay: RelayProcess;
  const decoded = new Set<Route>();

  /** The body of `res`, decoded by the schema of `route`, after checking the status. */
  async function decode<R extends Route>(
    route: R,
    res: Response,
    status: number,
  ): Promise<ApiResponse<R>> {
    const text = await res.text();
    expect(res.status, `${route}: ${text}`).toBe(status);
    expect(res.headers.get('content-type'), route).toMatch(/^application\/json/);
    decoded.add(route);
    return API_RESPONSES[route].parse(JSON.parse(text)) as ApiResponse<R>;
  }

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    relay.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  let map: CreatedMapResponse;
  let editorLink: NewLinkResponse;

  beforeAll(async () => {
    relay = await newRelay();
    map = await decode('POST /api/maps', await post('/api/maps', { title: 'Contract' }), 201);
  });
  afterAll(async () => {
    await relay?.dispose();
  });

  it('POST /api/maps answers the new map with its owner token', () => {
    expect(map).toMatchObject({ title: 'Contract', role: 'owner', syncPath: `/sync/${map.id}` });
  });

  it('GET /api/maps lists the public sample with its public role', async () => {
    const { maps } = await decode('GET /api/maps', await relay.fetch('/api/maps'), 200);
    expect(maps).toHaveLength(1);
    expect(maps[0]?.publicRole).toBe('editor');
  });

  it('GET /api/maps/:id describes the map, the caller role and counts of every kind', async () => {
    const described = await decode(
      'GET /api/maps/:id',
      await relay.fetch(`/api/maps/${map.id}`),
      200,
    );
    expect(described.role).toBe('owner');
    const empty = new Y.Doc();
    createMap(empty, { title: 'x' });
    expect(described.stats).toEqual(mapStats(empty));
  });

  it('GET /api/maps/:id/export and POST /api/maps/import carry the JSON form', async () => {
    const exported = await decode(
      'GET /api/maps/:id/export',
      await relay.fetch(`/api/maps/${map.id}/export`),
      200,
    );
    expect(exported.title).toBe('Contract');
    const imported = await decode(
      'POST /api/maps/import',
      await post('/api/maps/import', exported),
      201,
    );
    expect(imported.import).toEqual({
      format: 'json',
      claims: 0,
      relations: 0,
      passages: 0,
      fuzzy: 0,
      orphaned: [],
      notes: [],
    });
  });

  it('POST, GET and DELETE /api/maps/:id/links make, list and revoke share links', async () => {
    const links = `/api/maps/${map.id}/links`;
    editorLink = await decode(
      'POST /api/maps/:id/links',
      await post(links, { role: 'editor' }),
      201,
    );
    const commenter = await decode(
      'POST /api/maps/:id/links',
      await post(links, { role: 'commenter' }),
      201,
    );
    expect(commenter.role).toBe('commenter');
    const viewer = await decode(
      'POST /api/maps/:id/links',
      await post(links, { role: 'viewer' }),
      201,
    );
    const revoked = await relay.fetch(`${links}/${viewer.id}`, { method: 'DELETE' });
    expect(revoked.status).toBe(204);
    expect(await revoked.text()).toBe('');
    const listed = await decode('GET /api/maps/:id/links', await relay.fetch(links), 200);
    expect(listed.links.map((l) => [l.role, l.revokedAt === null])).toEqual([
      ['owner', true],
      ['editor', true],
      ['commenter', true],
      ['viewer', false],
    ]);
  });

  it('GET /api/maps/:id tells a share link its own role', async () => {
    const described = await decode(
      'GET /api/maps/:id',
      await relay.fetch(`/api/maps/${map.id}`, {
        headers: { authorization: `Bearer ${editorLink.token}` },
      }),
      200,
    );
    expect(described.role).toBe('editor');
  });

  it('answers every failure as { error, details? }', async () => {
    const failures: [string, RequestInit & { auth?: false }, number][] = [
      [
        '/api/maps',
        { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } },
        400,
      ],
      [
        '/api/maps/import',
        { method: 'POST', body: '{"format":1}', headers: { 'content-type': 'application/json' } },
        400,
      ],
      [`/api/maps/${map.id}/export?format=xml`, {}, 400],
      [`/api/maps/${map.id}`, { auth: false }, 401],
      [
        `/api/maps/${map.id}/links`,
        { headers: { authorization: `Bearer ${editorLink.token}` } },
        403,
      ],
      ['/api/maps/AAAAAAAAAAAAAAAA', {}, 404],
      ['/api/nothing-here', {}, 404],
    ];
    for (const [path, init, status] of failures) {
      const body = await decode('error', await relay.fetch(path, init), status);
      expect(body.error, path).toMatch(/\w/);
    }
  });

  it('GET /healthz says storage takes writes', async () => {
    const health = await decode('GET /healthz', await relay.fetch('/healthz'), 200);
    expect(health).toEqual({ status: 'ok', storage: { writable: true } });
  });

  it('GET /readyz says the relay takes new connections', async () => {
    const ready = await decode('GET /readyz', await relay.fetch('/readyz'), 200);
    expect(ready).toEqual({
      ready: true,
      accepting: true,
      storage: { writable: true },
      fanout: 'none',
    });
  });

  it('GET /api/maps/:id/evaluation labels the claims and lists the checks', async () => {
    const grounded = await decode(
      'GET /api/maps/:id/evaluation',
      await relay.fetch(`/api/maps/${map.id}/evaluation`),
      200,
    );
    expect(grounded).toMatchObject({ semantics: 'grounded', mode: 'attack', labels: {} });
    const preferred = await decode(
      'GET /api/maps/:id/evaluation',
      await relay.fetch(`/api/maps/${map.id}/evaluation?semantics=preferred&mode=burden`),
      200,
    );
    expect(preferred).toMatchObject({ semantics: 'preferred', mode: 'burden', extensionCount: 1 });
  });

  it('GET /api/maps/:id/comments answers the review layer, empty before anyone commented', async () => {
    const review = await decode(
      'GET /api/maps/:id/comments',
      await relay.fetch(`/api/maps/${map.id}/comments`),
      200,
    );
    expect(review).toEqual({ threads: [], marks: [], suggestions: [] });
  });

  it('POST and GET /api/maps/:id/versions, its export, restore and the diff answer in their schemas', async () => {
    const versions = `/api/maps/${map.id}/versions`;
    const saved = await decode(
      'POST /api/maps/:id/versions',
      await post(versions, { name: 'v1' }),
      201,
    );
    expect(saved).toMatchObject({ name: 'v1', author: 'owner', auto: false });
    const listed = await decode('GET /api/maps/:id/versions', await relay.fetch(versions), 200);
    expect(listed.versions.map((v) => v.id)).toContain(saved.id);
    const exported = await decode(
      'GET /api/maps/:id/versions/:v/export',
      await relay.fetch(`${versions}/${saved.id}/export`),
      200,
    );
    expect(exported.title).toBe('Contract');
    const restored = await decode(
      'POST /api/maps/:id/versions/:v/restore',
      await post(`${versions}/${saved.id}/restore`, {}),
      200,
    );
    expect(restored.changes).toEqual({ added: 0, removed: 0, changed: 0 });
    const diff = await decode(
      'GET /api/maps/:id/diff',
      await relay.fetch(`/api/maps/${map.id}/diff?from=${saved.id}&to=current`),
      200,
    );
    expect(diff.claims).toEqual({ added: [], removed: [], changed: [] });
    const unknown = await decode('error', await relay.fetch(`${versions}/nope/export`), 404);
    expect(unknown.error).toMatch(/no version/);
  });

  it('the classroom routes answer in their schemas', async () => {
    const withToken = (token: string, init: RequestInit = {}) => ({
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    });
    const made = await decode(
      'POST /api/assignments',
      await relay.fetch(
        '/api/assignments',
        withToken(map.ownerToken, {
          method: 'POST',
          body: JSON.stringify({ map: map.id, title: 'Seminar', due: '2026-12-24T12:00:00.000Z' }),
        }),
      ),
      201,
    );
    const base = `/api/assignments/${made.id}`;
    const info = await decode(
      'GET /api/assignments/:id/join',
      await relay.fetch(`${base}/join`),
      200,
    );
    expect(info).toMatchObject({ title: 'Seminar', due: '2026-12-24T12:00:00.000Z' });
    const joined = await decode(
      'POST /api/assignments/:id/join',
      await post(`${base}/join`, { name: 'Ada' }),
      201,
    );
    expect(joined.role).toBe('editor');
    const rubric = await decode(
      'PUT /api/assignments/:id/rubric',
      await relay.fetch(
        `${base}/rubric`,
        withToken(made.token, {
          method: 'PUT',
          body: JSON.stringify({ criteria: [{ title: 'Sources', description: '', points: 5 }] }),
        }),
      ),
      200,
    );
    const criterion = rubric.criteria[0]?.id ?? '';
    await decode(
      'PUT /api/assignments/:id/copies/:copy/grade',
      await relay.fetch(
        `${base}/copies/${joined.copy.id}/grade`,
        withToken(made.token, {
          method: 'PUT',
          body: JSON.stringify({ scores: { [criterion]: 3 }, feedback: 'Fine' }),
        }),
      ),
      200,
    );
    const dashboard = await decode(
      'GET /api/assignments/:id',
      await relay.fetch(base, withToken(made.token)),
      200,
    );
    expect(dashboard.copies).toHaveLength(1);
    await decode(
      'POST /api/assignments/:id/push',
      await relay.fetch(`${base}/push`, withToken(made.token, { method: 'POST' })),
      200,
    );
    await decode(
      'POST /api/assignments/:id/release',
      await relay.fetch(`${base}/release`, withToken(made.token, { method: 'POST', body: '{}' })),
      200,
    );
    const feedback = await decode(
      'GET /api/maps/:id/feedback',
      await relay.fetch(`/api/maps/${joined.copy.id}/feedback`, withToken(joined.token)),
      200,
    );
    expect(feedback.grade?.total).toBe(3);
    const compared = await decode(
      'GET /api/assignments/:id/compare',
      await relay.fetch(`${base}/compare`, withToken(made.token)),
      200,
    );
    expect(compared.perCopy.map((c) => c.id)).toEqual([joined.copy.id]);
  });

  it('GET /api/maps/:id/authors answers who did what, the relay for a fresh map', async () => {
    const answer = await decode(
      'GET /api/maps/:id/authors',
      await relay.fetch(`/api/maps/${map.id}/authors`),
      200,
    );
    expect(answer.authors.map((a) => [a.id, a.name])).toEqual([['relay', 'Warrant']]);
  });

  it('GET /api/maps/:a/compare/:b compares two maps the caller may read', async () => {
    const report = await decode(
      'GET /api/maps/:a/compare/:b',
      await relay.fetch(`/api/maps/${map.id}/compare/${map.id}`),
      200,
    );
    expect(report.score.overall).toBe(1);
  });

  it('covers every route the shared protocol names', () => {
    expect([...decoded].sort()).toEqual(Object.keys(API_RESPONSES).sort());
  });
});

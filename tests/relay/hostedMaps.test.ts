import { addClaim, API_RESPONSES, type ApiResponse, setClaimText } from '@warrant/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimTexts, newClient, type StockClient } from '../helpers/client.ts';
import { newRelay, type RelayProcess } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';

type Route = keyof typeof API_RESPONSES;

/**
 * A relay that hosts every map's doc on its worker thread (`WARRANT_HOST_BYTES=1`, as a huge
 * map's is): the relay-side paths that write or read a room's doc (version restore, template
 * push, exports, the authors page) work there as for a map whose doc is on the event loop.
 */
describe('maps whose doc lives on the worker thread', () => {
  let relay: RelayProcess;
  const clients: StockClient[] = [];

  async function call(
    path: string,
    init: { body?: unknown; token?: string } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    return relay.fetch(path, {
      method: init.body === undefined ? 'GET' : 'POST',
      headers,
      ...(init.token ? { auth: false as const } : {}),
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
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

  function client(mapId: string, token?: string): StockClient {
    const c = newClient(relay, mapId, token ? { params: { token } } : {});
    clients.push(c);
    return c;
  }

  const claimsOf = async (mapId: string, token?: string): Promise<number> => {
    const res = await call(`/api/maps/${mapId}`, token ? { token } : {});
    return ((await res.json()) as { stats: { claims: number } }).stats.claims;
  };

  const hosted = (mapId: string): boolean =>
    relay.records('map doc hosted on the worker thread').some((r) => r.mapId === mapId);

  beforeAll(async () => {
    relay = await newRelay({ env: { WARRANT_HOST_BYTES: '1' } });
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await relay?.dispose();
  });

  it('saves, restores and exports a version of a hosted map', async () => {
    const mapId = await relay.createMap('Hosted');
    const ada = client(mapId);
    await ada.synced();
    // A new client may be answered from storage before the room is built (the cold answer).
    await waitFor(() => hosted(mapId), { what: 'the room to host the map' });
    const claim = addClaim(ada.doc, { text: 'Old words' });
    await waitFor(async () => (await claimsOf(mapId)) === 1, { what: 'the claim to commit' });
    const saved = await decode(
      'POST /api/maps/:id/versions',
      await call(`/api/maps/${mapId}/versions`, { body: { name: 'v1', author: 'Ada' } }),
      201,
    );
    setClaimText(ada.doc, claim, 'New words');
    addClaim(ada.doc, { text: 'Added later' });
    await waitFor(async () => (await claimsOf(mapId)) === 2, { what: 'the edits to commit' });

    const restored = await decode(
      'POST /api/maps/:id/versions/:v/restore',
      await call(`/api/maps/${mapId}/versions/${saved.id}/restore`, { body: {} }),
    );
    expect(restored.changes).toEqual({ added: 0, removed: 1, changed: 1 });
    await waitFor(() => claimTexts(ada.doc).join() === 'Old words', {
      what: 'the restore to arrive',
    });
    const exported = await decode(
      'GET /api/maps/:id/export',
      await call(`/api/maps/${mapId}/export?format=json`),
    );
    expect(JSON.stringify(exported)).toContain('Old words');
    expect(JSON.stringify(exported)).not.toContain('Added later');
    const authors = await decode(
      'GET /api/maps/:id/authors',
      await call(`/api/maps/${mapId}/authors`),
    );
    expect(Object.keys(authors.clients).length).toBeGreaterThan(0);
  });

  it('pushes a template’s additions into a hosted copy', async () => {
    const template = await relay.createMap('Template');
    const owner = client(template);
    await owner.synced();
    addClaim(owner.doc, { text: 'From the start' });
    await waitFor(async () => (await claimsOf(template)) === 1, { what: 'the claim to commit' });
    const made = await decode(
      'POST /api/assignments',
      await call('/api/assignments', {
        body: { map: template, title: 'Hosted copies' },
        token: relay.tokenFor(template) ?? '',
      }),
      201,
    );
    const joined = await decode(
      'POST /api/assignments/:id/join',
      await call(`/api/assignments/${made.id}/join`, { body: { name: 'Bo' } }),
      201,
    );
    const bo = client(joined.copy.id, joined.token);
    const teacher = client(made.templateMap, made.token);
    await Promise.all([bo.synced(), teacher.synced()]);
    await waitFor(() => hosted(joined.copy.id), { what: 'the room to host the copy' });
    addClaim(bo.doc, { text: "Bo's own" });
    addClaim(teacher.doc, { text: 'Pushed later' });
    await waitFor(async () => (await claimsOf(made.templateMap, made.token)) === 2, {
      what: 'the template edit to commit',
    });
    await waitFor(async () => (await claimsOf(joined.copy.id, joined.token)) === 2, {
      what: "Bo's edit to commit",
    });
    const pushed = await decode(
      'POST /api/assignments/:id/push',
      await call(`/api/assignments/${made.id}/push`, { body: {}, token: made.token }),
    );
    expect(pushed).toEqual({ copies: 1, changes: expect.objectContaining({ claims: 1 }) });
    await waitFor(() => claimTexts(bo.doc).includes('Pushed later'), {
      what: 'the push to reach Bo',
    });
    expect(claimTexts(bo.doc)).toEqual(["Bo's own", 'From the start', 'Pushed later']);
    expect(await claimsOf(joined.copy.id, joined.token)).toBe(3);
  });
});

import {
  addClaim,
  connect,
  diffResponseSchema,
  getClaim,
  newVersionResponseSchema,
  removeClaim,
  restoreResponseSchema,
  setClaimText,
  versionListResponseSchema,
  type VersionInfo,
} from '@warrant/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newClient, type StockClient } from '../helpers/client.ts';
import type { RelayProcess } from '../helpers/relay.ts';
import { newRelay } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';

/** Quiet period for automatic versions in these tests (the default is ten minutes). */
const QUIET_MS = 400;

describe('versions and diffs', () => {
  let relay: RelayProcess;
  const post = (path: string, body: unknown = {}, headers: Record<string, string> = {}) =>
    relay.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const saveVersion = async (mapId: string, name: string): Promise<VersionInfo> => {
    const res = await post(`/api/maps/${mapId}/versions`, { name, author: 'Ada' });
    expect(res.status, await res.clone().text()).toBe(201);
    return newVersionResponseSchema.parse(await res.json());
  };
  const versionsOf = async (mapId: string): Promise<VersionInfo[]> => {
    const res = await relay.fetch(`/api/maps/${mapId}/versions`);
    expect(res.status).toBe(200);
    return versionListResponseSchema.parse(await res.json()).versions;
  };
  const diff = async (mapId: string, query: string) => {
    const res = await relay.fetch(`/api/maps/${mapId}/diff?${query}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return diffResponseSchema.parse(await res.json());
  };
  /** A map with three claims and a reason, built by a connected stock client. */
  const mapWithClient = async (title: string) => {
    const mapId = await relay.createMap(title);
    const client = newClient(relay, mapId);
    await client.synced();
    const root = addClaim(client.doc, { text: 'Nuclear power is cheap' });
    const pro = addClaim(client.doc, { text: 'Fuel costs little' });
    const con = addClaim(client.doc, { text: 'Plants cost a lot to build' });
    const reason = connect(client.doc, {
      kind: 'support',
      premises: [pro],
      target: { claim: root },
    });
    await committed(mapId, 3);
    return { mapId, client, root, pro, con, reason };
  };
  /** Waits until the relay has committed a map holding `claims` claims. */
  const committed = (mapId: string, claims: number) =>
    waitFor(
      async () => {
        const res = await relay.fetch(`/api/maps/${mapId}`);
        const body = (await res.json()) as { stats?: { claims?: number } };
        return body.stats?.claims === claims;
      },
      { what: `${claims} claims committed` },
    );
  const clients: StockClient[] = [];

  beforeAll(async () => {
    // Automatic versions off, so every version in these tests is one the test saved.
    relay = await newRelay({ env: { WARRANT_AUTO_VERSION_QUIET_MS: '0' } });
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await relay?.dispose();
  });

  it('saves a named version with its author and lists it; the diff on known edits gives exactly them', async () => {
    const m = await mapWithClient('Diff');
    clients.push(m.client);
    const saved = await saveVersion(m.mapId, 'Before the edits');
    expect(saved).toMatchObject({
      name: 'Before the edits',
      author: 'Ada',
      auto: false,
      changes: { added: 4, removed: 0, changed: 0 },
    });
    expect((await versionsOf(m.mapId)).find((v) => v.id === saved.id)).toEqual(saved);

    const added = addClaim(m.client.doc, { text: 'Waste storage is costly' });
    setClaimText(m.client.doc, m.root, 'Nuclear power is not cheap');
    removeClaim(m.client.doc, m.pro); // and the reason it was the premise of
    await waitFor(
      async () => (await diff(m.mapId, `from=${saved.id}`)).claims.removed.length === 1,
    );

    const expected = {
      claims: {
        added: [{ id: added, text: 'Waste storage is costly' }],
        removed: [{ id: m.pro, text: 'Fuel costs little' }],
        changed: [
          {
            id: m.root,
            from: 'Nuclear power is cheap',
            to: 'Nuclear power is not cheap',
            words: [
              { op: 'equal', text: 'Nuclear power is ' },
              { op: 'insert', text: 'not ' },
              { op: 'equal', text: 'cheap' },
            ],
          },
        ],
      },
      relations: {
        added: [],
        removed: [{ id: m.reason, kind: 'support', premises: [m.pro], target: { claim: m.root } }],
        changed: [],
      },
      evidence: { added: [], removed: [] },
    };
    expect(await diff(m.mapId, `from=${saved.id}&to=current`)).toEqual(expected);
    const after = await saveVersion(m.mapId, 'After');
    expect(after.changes).toEqual({ added: 1, removed: 2, changed: 1 });
    expect(await diff(m.mapId, `from=${saved.id}&to=${after.id}`)).toEqual(expected);
    const back = await diff(m.mapId, `from=${after.id}&to=${saved.id}`);
    expect(back.claims.added).toEqual(expected.claims.removed);
  });

  it('restores a version as a new edit that a connected client sees', async () => {
    const m = await mapWithClient('Restore');
    clients.push(m.client);
    const saved = await saveVersion(m.mapId, 'Good state');
    const other = newClient(relay, m.mapId);
    clients.push(other);
    await other.synced();
    setClaimText(m.client.doc, m.root, 'Rewritten badly');
    removeClaim(m.client.doc, m.con);
    await committed(m.mapId, 2);

    const res = await post(`/api/maps/${m.mapId}/versions/${saved.id}/restore`);
    expect(res.status, await res.clone().text()).toBe(200);
    const restored = restoreResponseSchema.parse(await res.json());
    expect(restored.restored.id).toBe(saved.id);
    expect(restored.changes).toEqual({ added: 1, removed: 0, changed: 1 });
    for (const c of [m.client, other]) {
      await waitFor(() => getClaim(c.doc, m.root)?.text === 'Nuclear power is cheap', {
        what: 'the restored text on a client',
      });
      expect(getClaim(c.doc, m.con)?.text).toBe('Plants cost a lot to build');
    }
    const now = await diff(m.mapId, `from=${saved.id}&to=current`);
    expect(now.claims).toEqual({ added: [], removed: [], changed: [] });
    expect(now.relations).toEqual({ added: [], removed: [], changed: [] });
  });

  it('never rewinds work done offline during a restore: it merges on top', async () => {
    const m = await mapWithClient('Offline');
    clients.push(m.client);
    const saved = await saveVersion(m.mapId, 'Saved');
    setClaimText(m.client.doc, m.root, 'Changed before going offline');
    await waitFor(
      async () => (await diff(m.mapId, `from=${saved.id}`)).claims.changed.length === 1,
    );
    m.client.provider.disconnect();
    const offline = addClaim(m.client.doc, { text: 'Written offline' });
    setClaimText(m.client.doc, m.con, 'Reworded offline');
    const res = await post(`/api/maps/${m.mapId}/versions/${saved.id}/restore`);
    expect(res.status, await res.clone().text()).toBe(200);
    m.client.provider.connect();
    await waitFor(() => getClaim(m.client.doc, m.root)?.text === 'Nuclear power is cheap', {
      what: 'the restore to reach the reconnected client',
    });
    expect(getClaim(m.client.doc, offline)?.text).toBe('Written offline');
    expect(getClaim(m.client.doc, m.con)?.text).toBe('Reworded offline');
    // On the relay: the version's content, plus exactly the offline work on top.
    const now = await waitFor(async () => {
      const d = await diff(m.mapId, `from=${saved.id}`);
      return d.claims.added.length === 1 && d.claims.changed.length === 1 ? d : null;
    });
    expect(now.claims.added).toEqual([{ id: offline, text: 'Written offline' }]);
    expect(now.claims.changed.map((c) => [c.id, c.to])).toEqual([[m.con, 'Reworded offline']]);
    expect(now.claims.removed).toEqual([]);
  });

  it('exports a version in any export format, as it was', async () => {
    const m = await mapWithClient('Export');
    clients.push(m.client);
    const saved = await saveVersion(m.mapId, 'Exported');
    setClaimText(m.client.doc, m.root, 'Changed after the version');
    const json = await relay.fetch(`/api/maps/${m.mapId}/versions/${saved.id}/export`);
    expect(json.status).toBe(200);
    const body = (await json.json()) as { claims: { id: string; text?: string }[] };
    expect(body.claims.map((c) => c.id)).toContain(m.root);
    expect(JSON.stringify(body)).toContain('Nuclear power is cheap');
    expect(JSON.stringify(body)).not.toContain('Changed after the version');
    const md = await relay.fetch(`/api/maps/${m.mapId}/versions/${saved.id}/export?format=md`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-disposition')).toMatch(/Exported/);
    expect(await md.text()).toContain('Nuclear power is cheap');
  });

  it('refuses viewers’ saves and restores, unknown versions and bad input, clearly', async () => {
    const mapId = await relay.createMap('Refusals');
    const saved = await saveVersion(mapId, 'One');
    const link = await post(`/api/maps/${mapId}/links`, { role: 'viewer' });
    const { token } = (await link.json()) as { token: string };
    const asViewer = { authorization: `Bearer ${token}` };
    const cases: [Promise<Response>, number, RegExp][] = [
      [post(`/api/maps/${mapId}/versions`, { name: 'x' }, asViewer), 403, /owner or an editor/],
      [post(`/api/maps/${mapId}/versions/${saved.id}/restore`, {}, asViewer), 403, /editor/],
      [post(`/api/maps/${mapId}/versions`, { name: '  ' }), 400, /name/],
      [post(`/api/maps/${mapId}/versions`, { name: 'x'.repeat(101) }), 400, /name/],
      [relay.fetch(`/api/maps/${mapId}/versions/nope/export`), 404, /no version "nope"/],
      [post(`/api/maps/${mapId}/versions/nope/restore`), 404, /no version/],
      [relay.fetch(`/api/maps/${mapId}/diff?from=nope`), 404, /no version/],
      [relay.fetch(`/api/maps/${mapId}/diff`), 400, /from=/],
      [relay.fetch(`/api/maps/${mapId}/versions/${saved.id}/export?format=xml`), 400, /format/],
      [relay.fetch(`/api/maps/${mapId}/versions`, { auth: false }), 401, /share link/],
      [relay.fetch('/api/maps/AAAAAAAAAAAAAAAA/versions'), 404, /No map/],
    ];
    for (const [response, status, message] of cases) {
      const res = await response;
      const body = (await res.json()) as { error: string };
      expect([res.status, body.error]).toEqual([status, expect.stringMatching(message)]);
    }
    // A viewer reads versions and diffs.
    const listed = await relay.fetch(`/api/maps/${mapId}/versions`, { headers: asViewer });
    expect(listed.status).toBe(200);
    expect((await versionsOf(mapId)).map((v) => v.name)).toEqual(['One']);
  });

  describe('automatic versions', () => {
    beforeAll(async () => {
      await relay.dispose();
      relay = await newRelay({
        env: { WARRANT_AUTO_VERSION_QUIET_MS: String(QUIET_MS), WARRANT_AUTO_VERSIONS_KEPT: '2' },
      });
    });

    it('takes one after a quiet period, keeps only the newest few besides named ones, and all survive a restart', async () => {
      const m = await mapWithClient('Quiet');
      const named = await saveVersion(m.mapId, 'Named');
      let newest = named.id;
      for (let i = 0; i < 3; i++) {
        addClaim(m.client.doc, { text: `Edit ${i}` });
        const top = await waitFor(
          async () => {
            const [first] = await versionsOf(m.mapId);
            return first && first.id !== newest ? first : null;
          },
          { what: `automatic version ${i}` },
        );
        expect(top).toMatchObject({ auto: true, author: 'automatic' });
        expect(top.changes).toEqual({ added: 1, removed: 0, changed: 0 });
        newest = top.id;
      }
      const versions = await versionsOf(m.mapId);
      expect(versions.map((v) => [v.auto, v.name])).toEqual([
        [true, 'Automatic version'],
        [true, 'Automatic version'],
        [false, 'Named'],
      ]);
      m.client.destroy();
      await relay.restart();
      expect(await versionsOf(m.mapId)).toEqual(versions);
      const exported = await relay.fetch(`/api/maps/${m.mapId}/versions/${named.id}/export`);
      expect(exported.status).toBe(200);
      expect(((await exported.json()) as { claims: unknown[] }).claims).toHaveLength(3);
    });

    it('takes none when the edits since the newest version cancel out', async () => {
      const m = await mapWithClient('Undone');
      clients.push(m.client);
      const [first] = await waitFor(async () => {
        const listed = await versionsOf(m.mapId);
        return listed.length === 1 ? listed : null;
      });
      const extra = addClaim(m.client.doc, { text: 'Soon gone' });
      await committed(m.mapId, 4);
      removeClaim(m.client.doc, extra);
      await committed(m.mapId, 3);
      await new Promise((r) => setTimeout(r, QUIET_MS * 3));
      expect((await versionsOf(m.mapId)).map((v) => v.id)).toEqual([first?.id]);
    });
  });
});

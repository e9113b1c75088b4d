import { addClaim, decodeGrantBody, listClaims, type MapJson } from '@warrant/shared';
import { CloseCodes, MessageType, SyncMessageType } from '@warrant/server';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { frame, newClient, RawClient, type StockClient } from '../helpers/client.ts';
import { newRelay, type RelayProcess } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';

/** Share links and roles, enforced by the relay itself, speaking the raw protocol. */
describe('share links and roles', () => {
  let relay: RelayProcess;
  let mapId: string;
  let otherMap: string;
  let owner: string;
  const tokens: string[] = [];
  const clients: StockClient[] = [];

  const json = (body: unknown): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const as = (token: string, init: RequestInit = {}): RequestInit => ({
    ...init,
    headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
  });
  async function link(
    role: 'editor' | 'viewer',
    map = mapId,
  ): Promise<{ id: string; token: string }> {
    const res = await relay.fetch(`/api/maps/${map}/links`, json({ role }));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; token: string; role: string };
    expect(body.role).toBe(role);
    tokens.push(body.token);
    return body;
  }

  beforeAll(async () => {
    relay = await newRelay({
      env: {
        WARRANT_MAX_MESSAGES_PER_SECOND: '50',
        // 256 KiB/s sustained, bursts of 512 KiB; frames up to 128 KiB.
        WARRANT_MAX_BYTES_PER_SECOND: String(256 * 1024),
        WARRANT_MAX_MESSAGE_BYTES: String(128 * 1024),
      },
    });
    mapId = await relay.createMap('Shared map');
    otherMap = await relay.createMap('Another map');
    owner = relay.tokenFor(mapId)!;
    tokens.push(owner, relay.tokenFor(otherMap)!);
  });

  afterAll(async () => {
    clients.forEach((c) => c.destroy());
    await relay?.dispose();
  });

  it('gives the creator an owner token of at least 128 bits', () => {
    expect(owner).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('answers REST calls 401 without a valid token and 403 with another map’s', async () => {
    const path = `/api/maps/${mapId}`;
    expect((await relay.fetch(path, { auth: false })).status).toBe(401);
    expect((await relay.fetch(path, as('x'.repeat(43)))).status).toBe(401);
    expect((await relay.fetch(path, as(relay.tokenFor(otherMap)!))).status).toBe(403);
    const ok = await relay.fetch(path, as(owner));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { role: string }).role).toBe('owner');
    const denied = (await (await relay.fetch(path, { auth: false })).json()) as Record<
      string,
      unknown
    >;
    expect(Object.keys(denied)).toEqual(['error']);
    expect(String(denied.error)).not.toMatch(/at .*\.ts/);
  });

  it('lets only the owner create, list and revoke links, never listing tokens', async () => {
    const editor = await link('editor');
    const viewer = await link('viewer');
    const listed = await relay.fetch(`/api/maps/${mapId}/links`);
    const { links } = (await listed.json()) as { links: { id: string; role: string }[] };
    expect(links.map((l) => l.role)).toEqual(['owner', 'editor', 'viewer']);
    expect(JSON.stringify(links)).not.toContain(editor.token);
    for (const token of [editor.token, viewer.token]) {
      expect((await relay.fetch(`/api/maps/${mapId}/links`, as(token))).status).toBe(403);
      expect(
        (await relay.fetch(`/api/maps/${mapId}/links`, as(token, json({ role: 'editor' })))).status,
      ).toBe(403);
    }
    expect((await relay.fetch(`/api/maps/${mapId}/links`, json({ role: 'owner' }))).status).toBe(
      400,
    );
    const ownerLink = links.find((l) => l.role === 'owner')!;
    const refused = await relay.fetch(`/api/maps/${mapId}/links/${ownerLink.id}`, {
      method: 'DELETE',
    });
    expect(refused.status).toBe(400);
    expect((await relay.fetch(`/api/maps/${mapId}/links/nope`, { method: 'DELETE' })).status).toBe(
      404,
    );
  });

  it('refuses sync without a valid token for that map before sending any map data', async () => {
    for (const query of [
      '?token=',
      `?token=${'A'.repeat(43)}`,
      `?token=${relay.tokenFor(otherMap)}`,
    ]) {
      const raw = await RawClient.open(relay, mapId, query || '?token=');
      expect(await raw.closedWith()).toEqual(CloseCodes.Unauthorized);
      expect(raw.frames).toEqual([]);
    }
    const stock = newClient(relay, mapId, { params: { token: '' } });
    clients.push(stock);
    const closed = await new Promise<{ code: number }>((resolve) =>
      stock.provider.on('closed', (event) => resolve(event)),
    );
    expect(closed.code).toBe(CloseCodes.Unauthorized.code);
    expect(stock.provider.shouldConnect).toBe(false);
  });

  it('tells a connection that asks (?grant=1) its role first, and no stock client ever', async () => {
    const viewerLink = await link('viewer');
    const editorLink = await link('editor');
    for (const [token, role] of [
      [owner, 'owner'],
      [editorLink.token, 'editor'],
      [viewerLink.token, 'viewer'],
    ] as const) {
      const raw = await RawClient.open(relay, mapId, `?grant=1&token=${token}`);
      await waitFor(() => raw.frames.length > 0, { what: `the first frame for the ${role}` });
      const first = decoding.createDecoder(raw.frames[0]!);
      expect(decoding.readVarUint(first)).toBe(MessageType.Grant);
      expect(decodeGrantBody(decoding.readVarString(first))).toBe(role);
      raw.close();
    }
    // Without the parameter (every stock client) the relay never sends it.
    const plain = await RawClient.open(relay, mapId, `?token=${viewerLink.token}`);
    await waitFor(() => plain.framesOfType(MessageType.Sync).length > 0, { what: 'sync step 1' });
    expect(plain.framesOfType(MessageType.Grant)).toEqual([]);
    plain.close();
    // A refused token gets no grant, only the close.
    const refused = await RawClient.open(relay, mapId, `?grant=1&token=${'B'.repeat(43)}`);
    expect(await refused.closedWith()).toEqual(CloseCodes.Unauthorized);
    expect(refused.frames).toEqual([]);
  });

  it('lets a viewer read and follow the map but never write, even speaking raw protocol', async () => {
    const editor = newClient(relay, mapId);
    clients.push(editor);
    await editor.synced();
    addClaim(editor.doc, { text: 'written by the editor' });
    const viewerLink = await link('viewer');

    // A stock viewer syncs: its step 2 (which always carries a delete set) is accepted.
    const viewer = newClient(relay, mapId, { params: { token: viewerLink.token } });
    clients.push(viewer);
    await viewer.synced();
    await waitFor(() => listClaims(viewer.doc).length === 1, { what: 'the viewer to see the map' });

    // A hostile viewer writes through the raw protocol.
    const before = await relay.metric('warrant_rejected_messages_total{reason="ReadOnly"}');
    const raw = await RawClient.open(relay, mapId, `?token=${viewerLink.token}`);
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(editor.doc));
    const sv = Y.encodeStateVector(forged);
    addClaim(forged, { text: 'forged by a viewer' });
    const update = Y.encodeStateAsUpdate(forged, sv);
    raw.send(
      frame((e) => {
        encoding.writeVarUint(e, MessageType.Sync);
        syncProtocol.writeUpdate(e, update);
      }),
    );
    raw.send(
      frame((e) => {
        encoding.writeVarUint(e, MessageType.Sync);
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(e, update);
      }),
    );
    await waitFor(
      async () =>
        (await relay.metric('warrant_rejected_messages_total{reason="ReadOnly"}')) === before + 2,
      { what: 'both viewer writes to be refused and counted' },
    );
    // Told once that it is read-only, with the protocol's permission-denied message.
    await waitFor(() => raw.framesOfType(MessageType.Auth).length === 1, { what: 'the notice' });
    await waitFor(() => relay.records('refused a write from a read-only connection').length > 0, {
      what: 'the refusal to be logged',
    });
    expect(raw.closed).toBeNull();

    // The editor still writes; nobody ever sees the forged claim, not even after a restart.
    addClaim(editor.doc, { text: 'second editor claim' });
    await waitFor(() => listClaims(viewer.doc).length === 2, { what: 'the viewer to follow' });
    expect(listClaims(editor.doc).map((c) => c.text)).not.toContain('forged by a viewer');
    raw.close();
    await relay.restart();
    const exported = (await (await relay.fetch(`/api/maps/${mapId}/export`)).json()) as MapJson;
    expect(exported.claims.map((c) => c.text).sort()).toEqual([
      'second editor claim',
      'written by the editor',
    ]);
  });

  it('closes connections opened with a link within a second of its revocation', async () => {
    const editorLink = await link('editor');
    const c = newClient(relay, mapId, { params: { token: editorLink.token } });
    clients.push(c);
    await c.synced();
    const revokedAt = Date.now();
    const res = await relay.fetch(`/api/maps/${mapId}/links/${editorLink.id}`, {
      method: 'DELETE',
    });
    expect(res.status).toBe(204);
    await waitFor(() => c.closes.some((e) => e.code === CloseCodes.LinkRevoked.code), {
      timeoutMs: 1_000,
      what: 'the revoked connection to close',
    });
    expect(Date.now() - revokedAt).toBeLessThan(1_000);
    expect((await relay.fetch(`/api/maps/${mapId}`, as(editorLink.token))).status).toBe(401);
    const again = await RawClient.open(relay, mapId, `?token=${editorLink.token}`);
    expect(await again.closedWith()).toEqual(CloseCodes.Unauthorized);
  });

  it('lets a connection speak only for its own awareness state', async () => {
    const a = newClient(relay, mapId);
    clients.push(a);
    await a.synced();
    a.provider.awareness.setLocalStateField('user', { name: 'Ann' });
    const own = a.doc.clientID;
    // The observer holds another link; like every stock client it echoes Ann's state back.
    const observerLink = await link('editor');
    const observer = newClient(relay, mapId, { params: { token: observerLink.token } });
    clients.push(observer);
    await observer.synced();
    const seenAnn = () =>
      (observer.provider.awareness.getStates().get(own) as { user?: { name?: string } } | undefined)
        ?.user?.name === 'Ann';
    await waitFor(seenAnn, { what: 'the observer to see Ann' });
    const awareness = (entries: [number, number, string][]) =>
      frame((e) => {
        encoding.writeVarUint(e, MessageType.Awareness);
        const inner = encoding.createEncoder();
        encoding.writeVarUint(inner, entries.length);
        for (const [id, clock, state] of entries) {
          encoding.writeVarUint(inner, id);
          encoding.writeVarUint(inner, clock);
          encoding.writeVarString(inner, state);
        }
        encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
      });
    const viewerLink = await link('viewer');
    // Clearing or overwriting Ann's state from another connection (another link).
    const thief = await RawClient.open(relay, mapId, `?token=${viewerLink.token}`);
    thief.send(awareness([[own, 99, 'null']]));
    expect(await thief.closedWith()).toEqual(CloseCodes.AwarenessNotYours);
    // Posing as two people.
    const twin = await RawClient.open(relay, mapId, `?token=${viewerLink.token}`);
    twin.send(
      awareness([
        [1001, 1, '{}'],
        [1002, 1, '{}'],
      ]),
    );
    expect(await twin.closedWith()).toEqual(CloseCodes.TooManyAwarenessStates);
    // A huge state.
    const big = await RawClient.open(relay, mapId, `?token=${viewerLink.token}`);
    big.send(awareness([[1003, 1, JSON.stringify({ name: 'x'.repeat(20_000) })]]));
    expect(await big.closedWith()).toEqual(CloseCodes.AwarenessTooLarge);
    // Ann's presence survived every attempt, as others see it, and echoes closed nobody.
    expect(seenAnn()).toBe(true);
    a.provider.awareness.setLocalStateField('user', { name: 'Ann B.' });
    await waitFor(
      () =>
        (observer.provider.awareness.getStates().get(own) as { user?: { name?: string } })?.user
          ?.name === 'Ann B.',
      { what: 'the observer to see the new name' },
    );
    expect([...a.closes, ...observer.closes]).toEqual([]);
  });

  it('closes a connection that sends faster than its limit, and only that one', async () => {
    const calm = newClient(relay, mapId);
    clients.push(calm);
    await calm.synced();
    const claims = async () => {
      const res = await relay.fetch(`/api/maps/${mapId}`);
      return ((await res.json()) as { stats: { claims: number } }).stats.claims;
    };
    const before = await claims();
    const flood = await RawClient.open(relay, mapId);
    const query = frame((e) => encoding.writeVarUint(e, MessageType.QueryAwareness));
    for (let i = 0; i < 200 && !flood.closed; i++) flood.send(query);
    expect(await flood.closedWith()).toEqual(CloseCodes.RateLimited);
    addClaim(calm.doc, { text: 'still here' });
    await waitFor(async () => (await claims()) === before + 1, {
      what: 'the calm client to write',
    });
  });

  it('closes a connection that sends more bytes per second than its limit', async () => {
    const calm = newClient(relay, mapId);
    clients.push(calm);
    await calm.synced();
    const heavy = await RawClient.open(relay, mapId);
    // Ten frames of ~120 KiB each: few messages, but 1.2 MB against a 512 KiB burst.
    let sent = 0;
    for (let i = 0; i < 10 && !heavy.closed; i++) {
      const doc = new Y.Doc();
      doc.getText('bulk').insert(0, `${i}`.padEnd(120 * 1024, 'x'));
      heavy.send(
        frame((e) => {
          encoding.writeVarUint(e, MessageType.Sync);
          encoding.writeVarUint(e, SyncMessageType.Update);
          encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc));
        }),
      );
      sent++;
    }
    expect(await heavy.closedWith()).toEqual(CloseCodes.RateLimited);
    expect(sent).toBeGreaterThanOrEqual(4);
    expect(
      relay.records('closing connection: bad input').some((r) => /bytes\/s/.test(String(r.detail))),
    ).toBe(true);
    addClaim(calm.doc, { text: 'not slowed down by it' });
    await waitFor(() => calm.closes.length === 0 && calm.provider.wsconnected, {
      what: 'the calm client to stay connected',
    });
  });

  it('sends security headers and never logs a token', async () => {
    for (const path of ['/', `/api/maps/${mapId}`]) {
      const res = await relay.fetch(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const logs = relay.logs.join('\n');
    for (const token of tokens) expect(logs).not.toContain(token);
  });
});

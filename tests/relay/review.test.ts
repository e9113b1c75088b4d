import {
  addClaim,
  API_RESPONSES,
  type CommentsResponse,
  listClaims,
  listMarks,
  listThreads,
  markClaim,
  type MapJson,
  removeClaim,
  reply,
  reviewRoomName,
  startThread,
  suggestClaim,
  WriteRefusal,
} from '@warrant/shared';
import { CloseCodes, MessageType, SyncMessageType } from '@warrant/server';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { frame, newClient, RawClient, type StockClient } from '../helpers/client.ts';
import { newRelay, type RelayProcess } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';

const ann = { id: 'device-ann', name: 'Ann' };
const cleo = { id: 'device-cleo', name: 'Cleo' };

function updateFrame(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncMessageType.Update);
    encoding.writeVarUint8Array(e, update);
  });
}

/** What `fn` adds to a copy of `base` (or to an empty document), as one update. */
function edit(base: Y.Doc | null, fn: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  fn(doc);
  return Y.encodeStateAsUpdate(doc, before);
}

/** The reasons of the permission-denied messages a raw client was sent. */
function refusals(raw: RawClient): string[] {
  return raw.framesOfType(MessageType.Auth).map((d: decoding.Decoder) => {
    decoding.readVarUint(d); // PermissionDenied
    return decoding.readVarString(d);
  });
}

/**
 * The review layer (a second Y.Doc per map, room `<mapId>/review`) over a real relay, spoken
 * to in raw frames and by stock clients: a commenter writes the review document and never
 * the map; a viewer writes neither.
 */
describe('the review room', () => {
  let relay: RelayProcess;
  let mapId: string;
  let owner: string;
  let commenter: string;
  let viewer: string;
  let claim: string;
  let ownerMap: StockClient;
  const clients: StockClient[] = [];

  /** A stock y-websocket client of the review room (roomname `<mapId>/review`). */
  function reviewClient(token: string): StockClient {
    const c = newClient(relay, reviewRoomName(mapId), { params: { token } });
    clients.push(c);
    return c;
  }

  async function link(role: 'commenter' | 'viewer'): Promise<string> {
    const res = await relay.fetch(`/api/maps/${mapId}/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role }),
    });
    expect(res.status).toBe(201);
    const body = API_RESPONSES['POST /api/maps/:id/links'].parse(await res.json());
    expect(body.role).toBe(role);
    return body.token;
  }

  async function comments(token = owner): Promise<CommentsResponse> {
    const res = await relay.fetch(`/api/maps/${mapId}/comments`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    return API_RESPONSES['GET /api/maps/:id/comments'].parse(await res.json());
  }

  async function claimsStored(): Promise<string[]> {
    const exported = (await (await relay.fetch(`/api/maps/${mapId}/export`)).json()) as MapJson;
    return exported.claims.map((c) => c.text).sort();
  }

  beforeAll(async () => {
    relay = await newRelay();
    mapId = await relay.createMap('Reviewed');
    owner = relay.tokenFor(mapId)!;
    commenter = await link('commenter');
    viewer = await link('viewer');
    ownerMap = newClient(relay, mapId);
    clients.push(ownerMap);
    await ownerMap.synced();
    claim = addClaim(ownerMap.doc, { text: 'Homework should be abolished' });
    await waitFor(async () => (await claimsStored()).length === 1, { what: 'the claim stored' });
  });

  afterAll(async () => {
    clients.forEach((c) => c.destroy());
    await relay?.dispose();
  });

  it('makes commenter links through the API and lists them', async () => {
    const listed = API_RESPONSES['GET /api/maps/:id/links'].parse(
      await (await relay.fetch(`/api/maps/${mapId}/links`)).json(),
    );
    expect(listed.links.map((l) => l.role)).toEqual(['owner', 'commenter', 'viewer']);
    const described = await relay.fetch(`/api/maps/${mapId}`, {
      headers: { authorization: `Bearer ${commenter}` },
    });
    expect(((await described.json()) as { role: string }).role).toBe('commenter');
  });

  it("refuses a commenter's raw map update: not applied, stored or relayed, and says so", async () => {
    const observer = newClient(relay, mapId);
    clients.push(observer);
    await observer.synced();
    const before = await relay.metric('warrant_rejected_messages_total{reason="ReadOnly"}');
    const raw = await RawClient.open(relay, mapId, `?token=${commenter}`);
    raw.send(updateFrame(edit(ownerMap.doc, (d) => addClaim(d, { text: 'forged by Cleo' }))));
    await waitFor(
      async () =>
        (await relay.metric('warrant_rejected_messages_total{reason="ReadOnly"}')) === before + 1,
      { what: 'the refusal to be counted' },
    );
    await waitFor(() => refusals(raw).length === 1, { what: 'the commenter to be told' });
    expect(refusals(raw)).toEqual([WriteRefusal.ReadOnly]);
    expect(raw.closed).toBeNull();

    // Anything relayed after the refusal reaches the observer after the forged edit would have.
    addClaim(ownerMap.doc, { text: 'Homework builds habits' });
    await waitFor(() => listClaims(observer.doc).length === 2, { what: 'the observer to follow' });
    expect(listClaims(observer.doc).map((c) => c.text)).not.toContain('forged by Cleo');
    await waitFor(async () => (await claimsStored()).length === 2, { what: 'the edit stored' });
    raw.close();
    await relay.restart();
    expect(await claimsStored()).toEqual([
      'Homework builds habits',
      'Homework should be abolished',
    ]);
  });

  it("stores a commenter's raw comment, relays it live, and keeps it across a restart", async () => {
    const watcher = reviewClient(owner);
    await watcher.synced();
    const raw = await RawClient.open(relay, reviewRoomName(mapId), `?token=${commenter}`);
    raw.send(
      updateFrame(
        edit(watcher.doc, (d) => {
          startThread(d, {
            target: { kind: 'claim', id: claim },
            author: cleo,
            text: 'Which studies say so?',
          });
          markClaim(d, { claim, kind: 'needs-evidence', note: 'a source, please', author: cleo });
        }),
      ),
    );
    await waitFor(() => listThreads(watcher.doc).length === 1, { what: 'the comment relayed' });
    expect(listMarks(watcher.doc)).toMatchObject([{ claim, kind: 'needs-evidence' }]);
    expect(refusals(raw)).toEqual([]);
    raw.close();

    // Committed before it was relayed: a restart keeps it.
    await relay.restart();
    const answer = await comments();
    expect(answer.threads).toHaveLength(1);
    expect(answer.threads[0]).toMatchObject({
      target: { kind: 'claim', id: claim },
      targetExists: true,
      resolved: false,
      comments: [{ author: cleo, text: 'Which studies say so?', deleted: false }],
    });
    expect(answer.marks).toMatchObject([
      { claim, claimExists: true, kind: 'needs-evidence', note: 'a source, please', author: cleo },
    ]);
  });

  it('syncs stock y-websocket clients on roomname <mapId>/review, live both ways', async () => {
    const ownerReview = reviewClient(owner);
    const cleoReview = reviewClient(commenter);
    await Promise.all([ownerReview.synced(), cleoReview.synced()]);
    await waitFor(() => listThreads(cleoReview.doc).length === 1, { what: 'the stored thread' });
    const [thread] = listThreads(cleoReview.doc);
    reply(ownerReview.doc, thread!.id, { author: ann, text: 'See the 2019 survey.' });
    await waitFor(() => listThreads(cleoReview.doc)[0]?.comments.length === 2, {
      what: "the owner's reply to reach the commenter",
    });
    suggestClaim(cleoReview.doc, {
      claim,
      stance: 'rebut',
      text: 'Practice needs time',
      author: cleo,
    });
    await waitFor(async () => (await comments()).suggestions.length === 1, {
      what: "the commenter's suggestion stored",
    });
    // The map itself is untouched by any of it.
    expect(await claimsStored()).toEqual([
      'Homework builds habits',
      'Homework should be abolished',
    ]);
    expect(cleoReview.closes).toEqual([]);
  });

  it("refuses a viewer's review update, telling it why", async () => {
    const before = (await comments()).threads.length;
    const raw = await RawClient.open(relay, reviewRoomName(mapId), `?token=${viewer}`);
    raw.send(
      updateFrame(
        edit(null, (d) =>
          startThread(d, { target: { kind: 'claim', id: claim }, author: ann, text: 'sneaky' }),
        ),
      ),
    );
    await waitFor(() => refusals(raw).length === 1, { what: 'the viewer to be told' });
    expect(refusals(raw)).toEqual([WriteRefusal.NoComment]);
    const answer = await comments(viewer); // a viewer may read the comments
    expect(answer.threads).toHaveLength(before);
    expect(JSON.stringify(answer)).not.toContain('sneaky');
    raw.close();
  });

  it('refuses the review room of an unknown map, or without a valid token', async () => {
    const unknown = await RawClient.open(relay, reviewRoomName('AAAAAAAAAAAAAAAA'));
    expect(await unknown.closedWith()).toEqual(CloseCodes.MapNotFound);
    const anonymous = await RawClient.open(relay, reviewRoomName(mapId));
    expect(await anonymous.closedWith()).toEqual(CloseCodes.Unauthorized);
    expect((await relay.fetch('/api/maps/AAAAAAAAAAAAAAAA/comments')).status).toBe(404);
    expect((await relay.fetch(`/api/maps/${mapId}/comments`, { auth: false })).status).toBe(401);
  });

  it('closes only the sender of malformed frames on the review room', async () => {
    const honest = reviewClient(owner);
    await honest.synced();
    const bad: [Uint8Array, { code: number; reason: string }][] = [
      [
        Uint8Array.of(MessageType.Sync, SyncMessageType.Update, 50, 1, 2),
        CloseCodes.MalformedMessage,
      ],
      [Uint8Array.of(42), CloseCodes.UnknownMessageType],
      [updateFrame(Uint8Array.of(5)), CloseCodes.UpdateRejected],
    ];
    for (const [bytes, expected] of bad) {
      const raw = await RawClient.open(relay, reviewRoomName(mapId), `?token=${commenter}`);
      raw.send(bytes);
      expect(await raw.closedWith()).toEqual(expected);
    }
    const [thread] = listThreads(honest.doc);
    reply(honest.doc, thread!.id, { author: ann, text: 'still here' });
    await waitFor(
      async () => (await comments()).threads[0]?.comments.some((c) => c.text === 'still here'),
      { what: 'the honest client to carry on' },
    );
    expect(honest.closes).toEqual([]);
  });

  it('answers GET comments with what was written, and marks threads on a deleted claim', async () => {
    removeClaim(ownerMap.doc, claim);
    await waitFor(async () => (await claimsStored()).length === 1, { what: 'the removal stored' });
    const answer = await comments(commenter);
    expect(answer.threads.map((t) => [t.target.id, t.targetExists])).toEqual([[claim, false]]);
    expect(answer.threads[0]?.comments.map((c) => [c.author.name, c.text])).toEqual([
      ['Cleo', 'Which studies say so?'],
      ['Ann', 'See the 2019 survey.'],
      ['Ann', 'still here'],
    ]);
    expect(answer.marks.map((m) => m.claimExists)).toEqual([false]);
    expect(answer.suggestions).toMatchObject([
      {
        kind: 'claim',
        claim,
        claimExists: false,
        stance: 'rebut',
        text: 'Practice needs time',
        author: cleo,
        status: 'open',
      },
    ]);
    for (const t of answer.threads) {
      for (const c of t.comments) expect(Date.parse(c.createdAt)).toBeGreaterThan(0);
    }
  });
});

import {
  addClaim,
  API_RESPONSES,
  claimFragment,
  connect,
  reviewRoomName,
  startThread,
  type AuthorsResponse,
} from '@warrant/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { newClient, type StockClient } from '../helpers/client.ts';
import type { RelayProcess } from '../helpers/relay.ts';
import { newRelay } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';

/** Types `text` at the end of the claim's first paragraph, as the editor does. */
function typeAtEnd(doc: Y.Doc, claim: string, text: string): void {
  const paragraph = claimFragment(doc, claim)?.get(0);
  const inline = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
  if (!(inline instanceof Y.XmlText)) throw new Error('no text to type into');
  inline.insert(inline.length, text);
}

/**
 * Who did what, from the relay's own record: two stock y-websocket clients on two different
 * editor links write into one map, and `GET /api/maps/:id/authors` credits each link with
 * what its connection committed, across compaction and a restart.
 */
describe('authors: the relay records which link wrote what', () => {
  let relay: RelayProcess;
  let mapId: string;
  const links: Record<'ada' | 'bob', { id: string; token: string }> = {
    ada: { id: '', token: '' },
    bob: { id: '', token: '' },
  };
  const clients: StockClient[] = [];
  let adaClaim = '';
  let bobClaim = '';
  let adaClient = 0;

  function client(token: string, room = mapId): StockClient {
    const c = newClient(relay, room, { params: { token } });
    clients.push(c);
    return c;
  }

  /** A stock provider on `token`, its doc made without the helper's awareness wiring. */
  function bareClient(token: string): { doc: Y.Doc; provider: WebsocketProvider } {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(relay.syncUrl, mapId, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: { token },
    });
    return { doc, provider };
  }

  async function authors(token?: string): Promise<{ status: number; body: unknown }> {
    const res = await relay.fetch(`/api/maps/${mapId}/authors`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: res.status, body: await res.json() };
  }

  async function answer(): Promise<AuthorsResponse> {
    const { status, body } = await authors();
    expect(status, JSON.stringify(body)).toBe(200);
    return API_RESPONSES['GET /api/maps/:id/authors'].parse(body);
  }

  const byId = (a: AuthorsResponse, id: string) => a.authors.find((x) => x.id === id);

  beforeAll(async () => {
    relay = await newRelay({ env: { WARRANT_COMPACT_AFTER_UPDATES: '5' } });
    mapId = await relay.createMap('Group work');
    for (const who of ['ada', 'bob'] as const) {
      const res = await relay.fetch(`/api/maps/${mapId}/links`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'editor' }),
      });
      const link = API_RESPONSES['POST /api/maps/:id/links'].parse(await res.json());
      links[who] = { id: link.id, token: link.token };
    }
    const ada = client(links.ada.token);
    const bob = client(links.bob.token);
    await Promise.all([ada.synced(), bob.synced()]);
    adaClient = ada.doc.clientID;
    adaClaim = addClaim(ada.doc, { text: 'Self-defence is lawful' });
    await waitFor(() => claimFragment(bob.doc, adaClaim)?.get(0), { what: 'bob to see the claim' });
    typeAtEnd(bob.doc, adaClaim, ' after an armed attack');
    bobClaim = addClaim(bob.doc, { text: 'Article 51 says so' });
    connect(bob.doc, { kind: 'support', premises: [bobClaim], target: { claim: adaClaim } });
    const review = client(links.ada.token, reviewRoomName(mapId));
    await review.synced();
    startThread(review.doc, {
      target: { kind: 'claim', id: bobClaim },
      author: { id: 'ada-device', name: 'Ada' },
      text: 'Which paragraph?',
    });
    await waitFor(
      async () => {
        const a = await answer();
        return (
          byId(a, `link:${links.ada.id}`)?.comments === 1 &&
          byId(a, `link:${links.bob.id}`)?.reasons === 1
        );
      },
      { what: 'the relay to commit both links’ work' },
    );
  });
  afterAll(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await relay?.dispose();
  });

  it('credits each link with the claims, words, reasons and comments its connection wrote', async () => {
    const a = await answer();
    expect(byId(a, `link:${links.ada.id}`)).toMatchObject({
      kind: 'link',
      linkId: links.ada.id,
      name: `Editor link ${links.ada.id.slice(0, 6)}`,
      role: 'editor',
      claims: 1,
      words: 3,
      wordsInOthersClaims: 0,
      reasons: 0,
      comments: 1,
    });
    expect(byId(a, `link:${links.bob.id}`)).toMatchObject({
      claims: 1,
      words: 4 + 4,
      wordsInOthersClaims: 4,
      reasons: 1,
      comments: 0,
    });
    // The map's title and collections were written by the relay when it created the map.
    expect(byId(a, 'relay')).toMatchObject({ kind: 'relay', name: 'Warrant', claims: 0 });
    expect(a.clients[String(adaClient)]).toBe(`link:${links.ada.id}`);
  });

  it('shows who did what to the owner only', async () => {
    expect((await authors(links.ada.token)).status).toBe(403);
    const anonymous = await relay.fetch(`/api/maps/${mapId}/authors`, { auth: false });
    expect(anonymous.status).toBe(401);
  });

  it('keeps a client id with the link that wrote it first, whoever writes under it later', async () => {
    // Bob's link, replaying Ada's client id, writes a claim: the relay keeps Ada's id hers.
    // Ada has gone (her client would see its own id written by someone else and take another).
    for (const c of clients.splice(0)) c.destroy();
    const forger = bareClient(links.bob.token);
    await waitFor(() => forger.provider.synced, { what: 'the forger to sync' });
    // Once synced (Yjs would otherwise pick a new id on seeing its own from the relay).
    const own = forger.doc.clientID;
    forger.doc.clientID = adaClient;
    addClaim(forger.doc, { text: 'Forged' });
    // Its awareness state is kept under its own id, which closing the provider looks up.
    forger.doc.clientID = own;
    await waitFor(async () => (await answer()).authors.some((x) => x.claims === 2), {
      what: 'the forged claim to be committed',
    });
    const a = await answer();
    expect(a.clients[String(adaClient)]).toBe(`link:${links.ada.id}`);
    expect(byId(a, `link:${links.bob.id}`)?.claims).toBe(1);
    forger.provider.destroy();
    forger.doc.destroy();
  });

  it('survives compaction and a restart of the relay', async () => {
    const before = await answer();
    expect(await relay.metric('warrant_compactions_total')).toBeGreaterThan(0);
    await relay.restart();
    const after = await answer();
    expect(after).toEqual(before);
  });
});

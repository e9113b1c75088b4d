import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CloseCodeName } from '../protocol/constants.ts';
import { Origin } from './origins.ts';
import type { Peer } from './Peer.ts';
import { pendingBytes } from './pendingStructs.ts';
import { RoomBroadcast } from './RoomBroadcast.ts';
import { RoomCommits } from './RoomCommits.ts';
import { RoomLog } from './RoomLog.ts';
import { createStoredMap, FakeFanout, newKit, TestPeer } from './testkit.ts';

/** A commit path over map `m`'s doc, with a room that records what it was told. */
async function newCommits(maxPendingBytes = 1_000_000) {
  const kit = await newKit();
  await createStoredMap(kit.storage, 'm');
  const stored = await kit.storage.load('m');
  if (!stored) throw new Error('map m was not stored');
  const doc = new Y.Doc();
  Y.applyUpdate(doc, stored.snapshot, Origin.Load);
  const peers = new Set<Peer>();
  const told = {
    failed: [] as string[],
    rejected: [] as { peer: Peer; code: CloseCodeName }[],
  };
  const log = new RoomLog('m', doc, stored, kit.deps, (_error, what) => told.failed.push(what));
  const out = new RoomBroadcast(peers, () => log.committedState);
  const fanout = new FakeFanout();
  const commits = new RoomCommits(
    {
      mapId: 'm',
      maxPendingBytes,
      healthy: () => told.failed.length === 0,
      isPeer: (peer) => peers.has(peer),
      fail: (_error, what) => told.failed.push(what),
      reject: (peer, code) => told.rejected.push({ peer, code }),
    },
    log,
    out,
    fanout,
  );
  commits.watch(doc);
  const join = (peer: TestPeer): TestPeer => {
    peers.add(peer);
    return peer;
  };
  /** Waits for the commits so far, then for the broadcast and acks queued after them. */
  const settled = async () => {
    await log.whenCommitted();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { kit, doc, log, fanout, commits, told, join, settled };
}

/** What a client typing `text` sends, from a doc of its own. */
function typed(text: string): { update: Uint8Array; clients: Set<number> } {
  const client = new Y.Doc();
  client.getText('t').insert(0, text);
  return { update: Y.encodeStateAsUpdate(client), clients: new Set([client.clientID]) };
}

describe('RoomCommits', () => {
  it('sends a client update to the others only once it is committed, and publishes its position', async () => {
    const { kit, commits, fanout, join, settled } = await newCommits();
    const a = join(new TestPeer('a'));
    const b = join(new TestPeer('b'));
    const { update, clients } = typed('NATO deters');
    expect(commits.integrate(a, update, clients)).toBe(1);
    expect(b.received).toHaveLength(0); // not durable yet
    await settled();
    expect(b.text()).toBe('NATO deters');
    expect(a.received).toHaveLength(0); // never its own edit back
    const stored = await kit.storage.load('m');
    expect(stored?.updates).toHaveLength(1);
    expect(fanout.published.map((p) => p.seq)).toEqual([stored?.lastSeq]);
  });

  it('stores nothing of an update Yjs throws on, refuses its sender and fails the room', async () => {
    const { kit, commits, told, join, settled } = await newCommits();
    const a = join(new TestPeer('a'));
    expect(commits.integrate(a, Uint8Array.of(255, 255, 255), new Set())).toBeNull();
    await settled();
    expect(told.rejected).toEqual([{ peer: a, code: 'UpdateRejected' }]);
    expect(told.failed).toHaveLength(1);
    expect((await kit.storage.load('m'))?.updates).toHaveLength(0);
  });

  it('acks an update that adds nothing, once what is committed is durable', async () => {
    const { commits, join, settled } = await newCommits();
    const a = join(new TestPeer('a', true));
    const { update, clients } = typed('once');
    commits.afterApply(a, commits.integrate(a, update, clients) ?? -1, 0);
    await settled();
    expect(a.acks).toHaveLength(1); // for the edit itself
    commits.afterApply(a, commits.integrate(a, update, clients) ?? -1, 0);
    await settled();
    expect(a.acks).toHaveLength(2); // sent again: nothing new, still saved
  });

  it('drops structs waiting past the limit and refuses the connection that sent them', async () => {
    const { doc, commits, told, join } = await newCommits(0);
    const a = join(new TestPeer('a'));
    const client = new Y.Doc();
    client.getText('t').insert(0, 'first');
    const before = Y.encodeStateVector(client);
    client.getText('t').insert(5, ' second');
    const second = Y.encodeStateAsUpdate(client, before); // needs "first", never sent
    const emitted = commits.integrate(a, second, new Set([client.clientID])) ?? -1;
    expect(pendingBytes(doc)).toBeGreaterThan(0);
    commits.afterApply(a, emitted, pendingBytes(doc));
    expect(told.rejected).toEqual([{ peer: a, code: 'MissingDependencies' }]);
    expect(pendingBytes(doc)).toBe(0);
  });

  it('relays an update another relay committed without committing it again', async () => {
    const { kit, doc, join } = await newCommits();
    const b = join(new TestPeer('b'));
    Y.applyUpdate(doc, typed('from elsewhere').update, Origin.Fanout);
    expect(b.text()).toBe('from elsewhere'); // at once: it is durable already
    expect((await kit.storage.load('m'))?.updates).toHaveLength(0);
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMap, setTitle } from './meta.ts';
import { modelTypes, observeChanges, observeMap, type MapChange } from './observe.ts';
import { addClaim, claimFragment, listClaims, removeClaim, setClaimText } from './records/Claim.ts';
import { cite } from './records/Evidence.ts';
import { addPassage } from './records/Passage.ts';
import { addPremise, connect } from './records/Relation.ts';
import { addSource, editSourceText } from './records/Source.ts';

function record(doc: Y.Doc): { changes: MapChange[]; stop: () => void } {
  const changes: MapChange[] = [];
  const stop = observeChanges(doc, (c) => changes.push(c));
  return { changes, stop };
}

/** A change's non-empty sets, as plain arrays, for comparing. */
function summary(c: MapChange): Record<string, unknown> {
  const out: Record<string, unknown> = { textOnly: c.textOnly };
  if (c.meta) out.meta = true;
  for (const name of ['claims', 'relations', 'sources', 'passages', 'evidence'] as const) {
    for (const kind of ['added', 'removed', 'updated'] as const) {
      const ids = [...c[name][kind]].sort();
      if (ids.length) out[`${name}.${kind}`] = ids;
    }
  }
  if (c.claimText.size) out.claimText = [...c.claimText].sort();
  if (c.sourceText.size) out.sourceText = [...c.sourceText].sort();
  return out;
}

function typeInto(doc: Y.Doc, claim: string, text: string): void {
  const paragraph = claimFragment(doc, claim)!.get(0) as Y.XmlElement;
  (paragraph.get(0) as Y.XmlText).insert(0, text);
}

describe('observing and undo', () => {
  it('reports deep changes once per transaction with their origin', () => {
    const doc = new Y.Doc();
    createMap(doc, { title: 'Observed' });
    const id = addClaim(doc, { text: 'x' });
    const seen: unknown[] = [];
    const stop = observeMap(doc, (origin) => seen.push(origin));
    doc.transact(() => {
      claimFragment(doc, id)!.insert(0, [new Y.XmlElement('paragraph')]);
      addClaim(doc, { text: 'y' });
    }, 'me');
    doc.getMap('unrelated').set('k', 1);
    stop();
    addClaim(doc, { text: 'z' });
    expect(seen).toEqual(['me']);
  });

  it("undoes one person's removal, bringing back the claim with its text", () => {
    const doc = new Y.Doc();
    createMap(doc, { title: 'Undo' });
    const me = { user: 'me' };
    const undo = new Y.UndoManager(modelTypes(doc), { trackedOrigins: new Set([me]) });
    const id = addClaim(doc, { text: 'precious words' });
    doc.transact(() => removeClaim(doc, id), me);
    expect(listClaims(doc)).toEqual([]);
    undo.undo();
    expect(listClaims(doc).map((c) => c.text)).toEqual(['precious words']);
  });
});

describe('what a change reports', () => {
  it('reports typing in a claim as text only, naming the claim and no record', () => {
    const doc = new Y.Doc();
    createMap(doc, { title: 'T' });
    const a = addClaim(doc, { text: 'typed' });
    const { changes } = record(doc);
    typeInto(doc, a, 'well ');
    expect(changes.map(summary)).toEqual([{ textOnly: true, claimText: [a] }]);
  });

  it('reports a claim whose text is replaced whole as text only', () => {
    const doc = new Y.Doc();
    createMap(doc, { title: 'T' });
    const a = addClaim(doc, { text: 'old' });
    const { changes } = record(doc);
    setClaimText(doc, a, 'new');
    expect(changes.map(summary)).toEqual([{ textOnly: true, claimText: [a] }]);
  });

  it('reports exactly the relation that was added, and nothing else', () => {
    const doc = new Y.Doc();
    createMap(doc, { title: 'T' });
    const a = addClaim(doc, { text: 'a' });
    const b = addClaim(doc, { text: 'b' });
    const { changes } = record(doc);
    const r = connect(doc, { kind: 'support', premises: [b], target: { claim: a } });
    expect(changes.map(summary)).toEqual([{ textOnly: false, 'relations.added': [r] }]);
  });

  it('reports a premise added to a reason as that relation updated', () => {
    const doc = new Y.Doc();
    createMap(doc, { title: 'T' });
    const [a, b, c] = ['a', 'b', 'c'].map((text) => addClaim(doc, { text }));
    const r = connect(doc, { kind: 'support', premises: [b!], target: { claim: a! } });
    const { changes } = record(doc);
    addPremise(doc, r, c!);
    expect(changes.map(summary)).toEqual([{ textOnly: false, 'relations.updated': [r] }]);
  });

  it('reports the removed ids when a remote peer deletes a claim with its cascade', () => {
    const remote = new Y.Doc();
    createMap(remote, { title: 'T' });
    const a = addClaim(remote, { text: 'a' });
    const b = addClaim(remote, { text: 'b' });
    const r = connect(remote, { kind: 'rebut', premises: [b], target: { claim: a } });
    const source = addSource(remote, {
      title: 'S',
      authors: [],
      issued: '2020',
      kind: 'book',
      body: 'Some words here.',
    });
    const passage = addPassage(remote, { source, exact: 'words' });
    cite(remote, { claim: a, passage, stance: 'support' });
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(remote));
    const { changes } = record(local);
    remote.on('update', (update: Uint8Array) => Y.applyUpdate(local, update, 'remote'));
    removeClaim(remote, a);
    expect(changes).toHaveLength(1);
    expect(changes[0]!.origin).toBe('remote');
    expect(summary(changes[0]!)).toEqual({
      textOnly: false,
      'claims.removed': [a],
      'relations.removed': [r],
      'evidence.removed': [`${a}:${passage}`],
    });
  });

  it('tells source metadata from source text, and reports passages and citations', () => {
    const doc = new Y.Doc();
    createMap(doc, { title: 'T' });
    const claim = addClaim(doc, { text: 'c' });
    const source = addSource(doc, {
      title: 'S',
      authors: [],
      issued: '2020',
      kind: 'book',
      body: 'Some words here.',
    });
    const { changes } = record(doc);
    editSourceText(doc, source, { index: 0, deleteCount: 0, insert: 'Hello. ' });
    const passage = addPassage(doc, { source, exact: 'words' });
    cite(doc, { claim, passage, stance: 'rebut' });
    setTitle(doc, 'Renamed');
    expect(changes.map(summary)).toEqual([
      { textOnly: false, sourceText: [source] },
      { textOnly: false, 'passages.added': [passage] },
      { textOnly: false, 'evidence.added': [`${claim}:${passage}`] },
      { textOnly: false, meta: true },
    ]);
  });

  it('reports a claim brought back by undo as added', () => {
    const doc = new Y.Doc();
    createMap(doc, { title: 'T' });
    const me = { user: 'me' };
    const undo = new Y.UndoManager(modelTypes(doc), { trackedOrigins: new Set([me]) });
    const a = addClaim(doc, { text: 'a' });
    doc.transact(() => removeClaim(doc, a), me);
    const { changes } = record(doc);
    undo.undo();
    expect(changes.map(summary)).toEqual([{ textOnly: false, 'claims.added': [a] }]);
  });

  it('says nothing about transactions outside the map', () => {
    const doc = new Y.Doc();
    createMap(doc, { title: 'T' });
    const { changes } = record(doc);
    doc.getMap('elsewhere').set('k', 1);
    expect(changes).toEqual([]);
  });

  it('reads a transaction once however many observe it, and tells each the same', () => {
    const doc = new Y.Doc();
    createMap(doc, { title: 'T' });
    const seen: MapChange[][] = [[], []];
    const stops = seen.map((list) => observeChanges(doc, (c) => list.push(c)));
    const a = addClaim(doc, { text: 'a' });
    addClaim(doc, { text: 'b' });
    expect(seen[0]).toHaveLength(2);
    expect(seen[1]).toHaveLength(2);
    expect(seen[0]![0]).toBe(seen[1]![0]);
    expect([...seen[0]![0]!.claims.added]).toEqual([a]);
    for (const stop of stops) stop();
  });
});

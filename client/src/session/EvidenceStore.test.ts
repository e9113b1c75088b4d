import {
  addClaim,
  addPassage,
  addSource,
  cite,
  createMap,
  editSourceText,
  listClaims,
  listPassages,
  listSources,
  hasClaim,
  modelTypes,
  removeClaim,
  removeSource,
  setClaimText,
  sourceText,
  uncite,
  updateSource,
} from '@warrant/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EvidenceStore } from './EvidenceStore.ts';

const BODY = 'Member states rely on the UN Charter.19 NATO is a defensive\nalliance. The end.';

function setup() {
  const doc = new Y.Doc();
  createMap(doc, { title: 'T' });
  const source = addSource(doc, {
    title: 'Searching for Clarity',
    authors: ['Danielle Reeder'],
    issued: '2023',
    kind: 'journal article',
    body: BODY,
  });
  const claim = addClaim(doc, { text: 'NATO is defensive' });
  const passage = addPassage(doc, { source, exact: 'NATO is a defensive\nalliance.' });
  cite(doc, { claim, passage, stance: 'support' });
  const store = new EvidenceStore(doc);
  return { doc, store, source, claim, passage };
}

describe('EvidenceStore', () => {
  it('deferred, reads nothing until its first refresh, then follows changes', () => {
    const { doc, claim, passage } = setup();
    const store = new EvidenceStore(doc, { deferred: true });
    expect(store.chipsOf(claim)).toEqual([]);
    store.refresh();
    expect(store.chipsOf(claim).map((c) => c.passage)).toEqual([passage]);
    uncite(doc, claim, passage);
    expect(store.chipsOf(claim)).toEqual([]);
  });

  it('gives a claim chips with a short quote and a short citation', () => {
    const { store, claim, source, passage } = setup();
    expect(store.chipsOf(claim)).toEqual([
      {
        passage,
        source,
        stance: 'support',
        quote: 'NATO is a defensive\nalliance.',
        short: 'NATO is a defensive alliance.',
        citation: 'Reeder 2023',
        orphaned: false,
      },
    ]);
    const reading = store.reading(source);
    expect(reading?.passages.map((p) => [p.start, p.citedBy])).toEqual([
      [BODY.indexOf('NATO'), [{ claim, stance: 'support' }]],
    ]);
  });

  it('keeps a claim’s chips the same object when only other things change', () => {
    const { doc, store, claim } = setup();
    const before = store.chipsOf(claim);
    let calls = 0;
    store.subscribeChips(claim, () => calls++);
    setClaimText(doc, claim, 'NATO is only defensive');
    addClaim(doc, { text: 'unrelated' });
    expect(store.chipsOf(claim)).toBe(before);
    expect(calls).toBe(0);
  });

  it('shows a chip as orphaned, with its original quote, when its words are deleted', () => {
    const { doc, store, claim, source } = setup();
    const at = sourceText(doc, source)!.indexOf('NATO is');
    editSourceText(doc, source, {
      index: at,
      deleteCount: 'NATO is a defensive\nalliance.'.length,
    });
    const [chip] = store.chipsOf(claim);
    expect(chip).toMatchObject({ orphaned: true, quote: 'NATO is a defensive\nalliance.' });
    expect(store.reading(source)?.orphaned.map((p) => p.quote)).toEqual([
      'NATO is a defensive\nalliance.',
    ]);
    expect(store.reading(source)?.passages).toEqual([]);
  });

  it('gives the reader a source’s new text even when no passage moves', () => {
    const { doc, store, source } = setup();
    let calls = 0;
    store.subscribeReading(source, () => calls++);
    // Same length, after every passage: only the text itself tells the change.
    editSourceText(doc, source, { index: BODY.length - 4, deleteCount: 4, insert: 'END.' });
    expect(calls).toBe(1);
    expect(store.reading(source)?.text.endsWith('The END.')).toBe(true);
  });

  it('gives a new citation its chip, telling only that claim and that source', () => {
    const { doc, store, source, claim, passage } = setup();
    const other = addClaim(doc, { text: 'Another claim' });
    const kept = store.chipsOf(claim);
    const heard: string[] = [];
    store.subscribeChips(claim, () => heard.push('claim'));
    store.subscribeChips(other, () => heard.push('other'));
    store.subscribeReading(source, () => heard.push('reading'));
    cite(doc, { claim: other, passage, stance: 'rebut' });
    expect(heard.sort()).toEqual(['other', 'reading']);
    expect(store.chipsOf(claim)).toBe(kept);
    expect(store.chipsOf(other).map((c) => c.stance)).toEqual(['rebut']);
    expect(store.reading(source)?.passages[0]?.citedBy).toEqual([
      { claim, stance: 'support' },
      { claim: other, stance: 'rebut' },
    ]);
    uncite(doc, other, passage);
    expect(store.chipsOf(other)).toEqual([]);
  });

  it('drops a removed claim’s chips and brings them back with undo', () => {
    const { doc, store, source, claim } = setup();
    const me = { user: 'me' };
    const undo = new Y.UndoManager(modelTypes(doc), { trackedOrigins: new Set([me]) });
    doc.transact(() => removeClaim(doc, claim), me);
    expect(store.chipsOf(claim)).toEqual([]);
    expect(store.reading(source)?.passages[0]?.citedBy).toEqual([]);
    undo.undo();
    expect(store.chipsOf(claim).map((c) => c.citation)).toEqual(['Reeder 2023']);
    expect(store.reading(source)?.passages[0]?.citedBy).toEqual([{ claim, stance: 'support' }]);
  });

  it('matches a rebuild from scratch after sources, passages and citations change', () => {
    const { doc, store, source, claim } = setup();
    const second = addSource(doc, {
      title: 'Another',
      authors: ['Ann Other'],
      issued: '2020',
      kind: 'book',
      body: 'Words of another source, quoted twice.',
    });
    const p2 = addPassage(doc, { source: second, exact: 'quoted twice' });
    cite(doc, { claim, passage: p2, stance: 'rebut' });
    updateSource(doc, source, { title: 'Renamed', authors: ['Dan Reeder'] });
    editSourceText(doc, second, { index: 0, deleteCount: 5, insert: 'Some words' });
    const fresh = new EvidenceStore(doc);
    expect(store.chipsOf(claim)).toEqual(fresh.chipsOf(claim));
    expect(store.reading(second)).toEqual(fresh.reading(second));
    expect(store.reading(source)).toEqual(fresh.reading(source));
    removeSource(doc, second);
    expect(store.chipsOf(claim)).toHaveLength(1);
    expect(store.reading(second)).toBeUndefined();
    expect(store.getSources().map((s) => s.title)).toEqual(['Renamed']);
  });

  it('agrees with a fresh store after random concurrent edits on two replicas', () => {
    let seed = 11;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(random() * xs.length)];
    const { doc: a, store } = setup();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const me = { user: 'me' };
    const undo = new Y.UndoManager(modelTypes(a), { trackedOrigins: new Set([me]) });
    const seenClaims = new Set<string>();
    const seenSources = new Set<string>();
    for (let step = 0; step < 300; step++) {
      const doc = random() < 0.5 ? a : b;
      const claims = listClaims(doc).map((c) => c.id);
      const sources = listSources(doc);
      const passages = listPassages(doc);
      const roll = random();
      doc.transact(
        () => {
          if (roll < 0.15 || claims.length < 3) addClaim(doc, { text: `c${step}` });
          else if (roll < 0.3 && sources.length < 3) {
            addSource(doc, {
              title: `S${step}`,
              authors: ['Ann Author'],
              issued: '2024',
              kind: 'book',
              body: 'One two three four five six seven eight nine ten.',
            });
          } else if (roll < 0.45) {
            const s = pick(sources);
            const text = s && sourceText(doc, s.id);
            const at = Math.floor(random() * 40);
            if (s && text && text.length > at + 6) {
              addPassage(doc, { source: s.id, start: at, end: at + 5 });
            }
          } else if (roll < 0.65) {
            const [claim, passage] = [pick(claims), pick(passages)];
            if (claim && passage) {
              cite(doc, {
                claim,
                passage: passage.id,
                stance: random() < 0.5 ? 'support' : 'rebut',
              });
            }
          } else if (roll < 0.75) {
            const s = pick(sources);
            const text = s && sourceText(doc, s.id);
            if (s && text && text.length > 10) {
              editSourceText(doc, s.id, { index: Math.floor(random() * 10), deleteCount: 3 });
            }
          } else if (roll < 0.85) {
            const c = pick(claims);
            if (c && hasClaim(doc, c)) removeClaim(doc, c);
          } else if (roll < 0.9) {
            const s = pick(sources);
            if (s) removeSource(doc, s.id);
          }
        },
        doc === a ? me : null,
      );
      if (roll >= 0.9 && doc === a) undo.undo();
      if (random() < 0.15) {
        Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
        Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), 'remote');
      }
      for (const c of claims) seenClaims.add(c);
      for (const s of sources) seenSources.add(s.id);
      const fresh = new EvidenceStore(a);
      for (const c of seenClaims) expect(store.chipsOf(c)).toEqual(fresh.chipsOf(c));
      for (const s of seenSources) expect(store.reading(s)).toEqual(fresh.reading(s));
      expect(store.getSources()).toEqual(fresh.getSources());
      fresh.destroy();
    }
  }, 30_000);
});

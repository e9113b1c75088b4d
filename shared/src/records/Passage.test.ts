import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMap } from '../meta.ts';
import { cite, listEvidence } from './Evidence.ts';
import { addClaim } from './Claim.ts';
import {
  addPassage,
  findPassage,
  listPassages,
  removePassage,
  resolvePassage,
  resolvePassages,
} from './Passage.ts';
import { addSource, editSourceText, removeSource, sourceText } from './Source.ts';

const BODY =
  'Member states ... of the UN Charter.19 NATO is a defensive alliance. The alliance\n' +
  '2023}  Searching for Clarity 109\nrelies on article 51.';

function setup() {
  const doc = new Y.Doc();
  createMap(doc, { title: 'Anchors' });
  const source = addSource(doc, {
    title: 'Reeder',
    authors: ['Danielle Reeder'],
    issued: '2023',
    kind: 'journal article',
    body: BODY,
  });
  const passage = addPassage(doc, { source, exact: 'NATO is a defensive alliance.' });
  return { doc, source, passage };
}

function anchoredText(doc: Y.Doc, passage: string): string | undefined {
  const r = resolvePassage(doc, passage);
  return r?.status === 'anchored' ? r.text : undefined;
}

describe('passages', () => {
  it('captures W3C quote and position selectors', () => {
    const { doc, passage } = setup();
    const r = resolvePassage(doc, passage);
    const start = BODY.indexOf('NATO is');
    expect(r).toMatchObject({ status: 'anchored', start, end: start + 29, changed: false });
    expect(r?.passage.quote).toEqual({
      exact: 'NATO is a defensive alliance.',
      prefix: BODY.slice(start - 32, start),
      suffix: BODY.slice(start + 29, start + 29 + 32),
    });
    expect(r?.passage.position).toEqual({ start, end: start + 29 });
  });

  it('keeps a passage anchored when text before it is deleted', () => {
    const { doc, source, passage } = setup();
    editSourceText(doc, source, { index: 0, deleteCount: 18 });
    expect(anchoredText(doc, passage)).toBe('NATO is a defensive alliance.');
  });

  it('does not grow when text is typed right before or after it', () => {
    const { doc, source, passage } = setup();
    const start = sourceText(doc, source)!.indexOf('NATO is');
    editSourceText(doc, source, { index: start + 29, insert: ' [sic]' });
    editSourceText(doc, source, { index: start, insert: '>> ' });
    expect(anchoredText(doc, passage)).toBe('NATO is a defensive alliance.');
  });

  it('follows its words through a glued footnote number being removed', () => {
    const { doc, source } = setup();
    const p = addPassage(doc, { source, exact: 'UN Charter.19 NATO' });
    const at = sourceText(doc, source)!.indexOf('.19') + 1;
    editSourceText(doc, source, { index: at, deleteCount: 2 });
    const r = resolvePassage(doc, p);
    expect(r).toMatchObject({ status: 'anchored', text: 'UN Charter. NATO', changed: true });
    expect(r?.passage.quote.exact).toBe('UN Charter.19 NATO');
  });

  it('reports a passage orphaned, with its original quote, when its words are deleted', () => {
    const { doc, source, passage } = setup();
    const start = sourceText(doc, source)!.indexOf('NATO is');
    editSourceText(doc, source, { index: start - 1, deleteCount: 31 });
    const r = resolvePassage(doc, passage);
    expect(r?.status).toBe('orphaned');
    expect(r?.passage.quote.exact).toBe('NATO is a defensive alliance.');
  });

  it('stays anchored under concurrent edits of the source by two people', () => {
    const { doc: a, source, passage } = setup();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    // A deletes the running page header; B fixes the footnote number; neither sees the other.
    const textA = sourceText(a, source)!;
    const header = '2023}  Searching for Clarity 109\n';
    editSourceText(a, source, { index: textA.indexOf(header), deleteCount: header.length });
    editSourceText(b, source, { index: textA.indexOf('.19') + 1, deleteCount: 2 });
    editSourceText(b, source, { index: 0, insert: 'Intro. ' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(sourceText(a, source)).toBe(sourceText(b, source));
    expect(anchoredText(a, passage)).toBe('NATO is a defensive alliance.');
    expect(anchoredText(b, passage)).toBe('NATO is a defensive alliance.');
  });

  it('refuses a quote that is not in the source', () => {
    const { doc, source } = setup();
    expect(() => addPassage(doc, { source, exact: 'Warsaw Pact' })).toThrow(/not in that source/);
    expect(() => addPassage(doc, { source, start: 5, end: 5 })).toThrow(/cover some text/);
  });

  it('removes citations with the passage, and passages with the source', () => {
    const { doc, source, passage } = setup();
    const claim = addClaim(doc, { text: 'NATO is defensive' });
    cite(doc, { claim, passage, stance: 'support' });
    const other = addPassage(doc, { source, exact: 'article 51' });
    cite(doc, { claim, passage: other, stance: 'support' });
    removePassage(doc, passage);
    expect(listEvidence(doc).map((e) => e.passage)).toEqual([other]);
    removeSource(doc, source);
    expect(listPassages(doc)).toEqual([]);
    expect(listEvidence(doc)).toEqual([]);
  });

  it('resolves all passages of a source at once, as one by one, orphans included', () => {
    const { doc, source, passage } = setup();
    const other = addPassage(doc, { source, exact: 'article 51' });
    const start = sourceText(doc, source)!.indexOf('NATO is');
    editSourceText(doc, source, { index: start - 1, deleteCount: 31 });
    const all = resolvePassages(doc, source);
    expect(all).toEqual([resolvePassage(doc, passage), resolvePassage(doc, other)]);
    expect(all.map((r) => r.status)).toEqual(['orphaned', 'anchored']);
  });

  it('finds the passage anchored exactly at a span, so citing it again reuses it', () => {
    const { doc, source, passage } = setup();
    const start = BODY.indexOf('NATO is');
    expect(findPassage(doc, source, { start, end: start + 29 })).toBe(passage);
    expect(findPassage(doc, source, { start, end: start + 28 })).toBeUndefined();
    // It follows the words: after an edit before it, the new offsets find it.
    editSourceText(doc, source, { index: 0, insert: 'Preface. ' });
    expect(findPassage(doc, source, { start: start + 9, end: start + 38 })).toBe(passage);
  });

  it('keeps its words, and agrees on where they are, under random concurrent clean-ups', () => {
    // Three people edit the source at once, each from their own copy, anywhere but inside
    // the passage; edits arrive in any order. Every copy ends with the same text, and the
    // passage on each copy covers exactly its original words.
    const edit = fc.record({
      replica: fc.integer({ min: 0, max: 2 }),
      at: fc.nat(200),
      del: fc.integer({ min: 0, max: 6 }),
      text: fc.string({ maxLength: 5 }),
    });
    fc.assert(
      fc.property(
        fc.array(edit, { maxLength: 30 }),
        fc.array(fc.nat(2), { maxLength: 10 }),
        (edits, syncs) => {
          const { doc, source, passage } = setup();
          const copies = [doc, new Y.Doc(), new Y.Doc()];
          for (const c of copies.slice(1)) Y.applyUpdate(c, Y.encodeStateAsUpdate(doc));
          edits.forEach((e, n) => {
            const copy = copies[e.replica] as Y.Doc;
            const r = resolvePassage(copy, passage);
            if (r?.status !== 'anchored') throw new Error('the passage lost its words');
            const length = sourceText(copy, source)!.length;
            // Pick a spot before or after the passage, and keep the deletion outside it.
            const before = e.at % 2 === 0 && r.start > 0;
            const index = before ? e.at % r.start : r.end + (e.at % (length - r.end + 1));
            const room = before ? r.start - index : length - index;
            editSourceText(copy, source, {
              index,
              deleteCount: Math.min(e.del, room),
              insert: e.text,
            });
            // Now and then two copies exchange what they have.
            const other = syncs[n % Math.max(1, syncs.length)] ?? 0;
            if (n % 3 === 0 && other !== e.replica) {
              Y.applyUpdate(copies[other] as Y.Doc, Y.encodeStateAsUpdate(copy));
            }
          });
          for (const a of copies)
            for (const b of copies) Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
          const texts = copies.map((c) => sourceText(c, source));
          expect(new Set(texts).size).toBe(1);
          const spans = copies.map((c) => resolvePassage(c, passage));
          for (const r of spans) {
            expect(r).toMatchObject({ status: 'anchored', text: 'NATO is a defensive alliance.' });
          }
          expect(new Set(spans.map((r) => (r?.status === 'anchored' ? r.start : -1))).size).toBe(1);
        },
      ),
      { numRuns: 200 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMap } from '../../meta.ts';
import { addClaim, getClaim } from '../../records/Claim.ts';
import { cite } from '../../records/Evidence.ts';
import { addPassage, resolvePassage, resolvePassages } from '../../records/Passage.ts';
import { connect } from '../../records/Relation.ts';
import { addSource, editSourceText, sourceText } from '../../records/Source.ts';
import { exportMap } from './exportMap.ts';
import { MapImportError } from '../Format.ts';
import { importMap, parseMapJson } from './importMap.ts';
import type { MapJson } from './MapJson.ts';

function sampleDoc(): Y.Doc {
  const doc = new Y.Doc();
  createMap(doc, { title: 'Collective security' });
  const root = addClaim(doc, {
    text: 'NATO is an archetypal collective security mechanism',
    author: 'ann',
  });
  const def = addClaim(doc, {
    content: {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'NATO is a ', marks: [{ type: 'italic' }] },
            { type: 'text', text: 'defensive alliance' },
          ],
        },
      ],
    },
  });
  const extra = addClaim(doc, { text: 'Article 51' });
  const rel = connect(doc, { kind: 'rebut', premises: [def, extra], target: { claim: root } });
  connect(doc, { kind: 'rebut', premises: [extra], target: { relation: rel } });
  const src = addSource(doc, {
    title: 'Searching for Clarity',
    authors: ['Danielle Reeder'],
    issued: '2023',
    kind: 'journal article',
    url: 'https://example.org/reeder',
    body: 'of the UN Charter.19 NATO is a defensive alliance. More text follows here.',
  });
  const p = addPassage(doc, { source: src, exact: 'NATO is a defensive alliance.' });
  cite(doc, { claim: def, passage: p, stance: 'support' });
  cite(doc, { claim: root, passage: p, stance: 'rebut' });
  return doc;
}

describe('JSON form', () => {
  it('round-trips: map → JSON → map → JSON is identical', () => {
    const json = exportMap(sampleDoc());
    const text = JSON.stringify(json);
    const { doc, report } = importMap(JSON.parse(text));
    expect(report).toEqual({ orphanedPassages: [], fuzzyPassages: [], notes: [] });
    expect(JSON.stringify(exportMap(doc))).toBe(text);
  });

  it('re-anchors passages by their quote when the text has moved', () => {
    const json = exportMap(sampleDoc());
    json.sources[0]!.text = 'A new preface. ' + json.sources[0]!.text;
    const { doc } = importMap(json);
    const r = resolvePassage(doc, json.passages[0]!.id);
    expect(r).toMatchObject({ status: 'anchored', text: 'NATO is a defensive alliance.' });
  });

  it('keeps an unfindable passage as orphaned and reports it', () => {
    const json = exportMap(sampleDoc());
    json.sources[0]!.text = 'Entirely different text.';
    const { doc, report } = importMap(json);
    const id = json.passages[0]!.id;
    expect(report.orphanedPassages).toEqual([id]);
    expect(resolvePassage(doc, id)).toMatchObject({
      status: 'orphaned',
      passage: { quote: { exact: 'NATO is a defensive alliance.' } },
    });
  });

  it('exports the current text of an edited source and where passages are now', () => {
    const doc = sampleDoc();
    const json = exportMap(doc);
    editSourceText(doc, json.sources[0]!.id, { index: 0, insert: 'Intro. ' });
    expect(exportMap(doc).sources[0]!.text.startsWith('Intro. of the UN')).toBe(true);
  });

  it('exports where an edited passage is now, so import anchors it on the same words', () => {
    const doc = sampleDoc();
    const { id, source } = exportMap(doc).passages[0]!;
    const at = sourceText(doc, source)!.indexOf('defensive ');
    editSourceText(doc, source, { index: at, deleteCount: 'defensive '.length });
    expect(resolvePassage(doc, id)).toMatchObject({
      status: 'anchored',
      text: 'NATO is a alliance.',
    });
    const json = exportMap(doc);
    const start = 'of the UN Charter.19 '.length;
    expect(json.passages[0]!.selector).toEqual([
      {
        type: 'TextQuoteSelector',
        exact: 'NATO is a alliance.',
        prefix: 'of the UN Charter.19 ',
        suffix: ' More text follows here.',
      },
      { type: 'TextPositionSelector', start, end: start + 'NATO is a alliance.'.length },
    ]);
    const text = JSON.stringify(json);
    const { doc: copy, report } = importMap(JSON.parse(text));
    expect(report).toEqual({ orphanedPassages: [], fuzzyPassages: [], notes: [] });
    expect(resolvePassage(copy, id)).toMatchObject({
      status: 'anchored',
      text: 'NATO is a alliance.',
    });
    expect(JSON.stringify(exportMap(copy))).toBe(text);
  });

  it('re-anchors a passage whose footnote number was deleted inside it (fuzzily)', () => {
    const doc = sampleDoc();
    const source = exportMap(doc).sources[0]!.id;
    const id = addPassage(doc, { source, exact: 'UN Charter.19 NATO is a defensive alliance.' });
    const at = sourceText(doc, source)!.indexOf('19');
    editSourceText(doc, source, { index: at, deleteCount: 2 });
    const text = JSON.stringify(exportMap(doc));
    const { doc: copy, report } = importMap(JSON.parse(text));
    expect(report).toEqual({ orphanedPassages: [], fuzzyPassages: [id], notes: [] });
    expect(resolvePassage(copy, id)).toMatchObject({
      status: 'anchored',
      text: 'UN Charter. NATO is a defensive alliance.',
    });
    expect(JSON.stringify(exportMap(copy))).toBe(text);
  });

  it('round-trips an orphaned passage whose quote import finds elsewhere', () => {
    const doc = new Y.Doc();
    createMap(doc, { title: 'Orphans' });
    const source = addSource(doc, {
      title: 'S',
      authors: [],
      issued: '2023',
      kind: 'op-ed',
      body: 'NATO is a defensive alliance. Later: NATO again.',
    });
    const id = addPassage(doc, { source, start: 0, end: 4 });
    editSourceText(doc, source, { index: 0, deleteCount: 4 });
    expect(resolvePassage(doc, id)?.status).toBe('orphaned');
    const text = JSON.stringify(exportMap(doc));
    expect(JSON.parse(text).passages[0].selector[0].exact).toBe('NATO');
    const { doc: copy } = importMap(JSON.parse(text));
    // Import anchors the quote on the other "NATO"; exporting that gives the same JSON.
    expect(resolvePassage(copy, id)).toMatchObject({ status: 'anchored', text: 'NATO' });
    expect(JSON.stringify(exportMap(copy))).toBe(text);
  });

  it('round-trips any mix of edited, moved and orphaned passages (property)', () => {
    const edit = fc.record({
      at: fc.nat(200),
      del: fc.nat(8),
      // Few letters, so deleted words often reappear elsewhere and quotes repeat.
      insert: fc.string({
        unit: fc.constantFrom('N', 'A', 'T', 'O', ' ', 'a', 'i', '.'),
        maxLength: 6,
      }),
    });
    const op = fc.oneof(
      fc.record({
        t: fc.constant('passage' as const),
        at: fc.nat(200),
        len: fc.integer({ min: 1, max: 30 }),
      }),
      fc.record({ t: fc.constant('edit' as const), e: edit }),
    );
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 25 }), (ops) => {
        const doc = new Y.Doc();
        createMap(doc, { title: 'Property' });
        const source = addSource(doc, {
          title: 'S',
          authors: [],
          issued: '2023',
          kind: 'op-ed',
          body: 'NATO is a defensive alliance. NATO is a defensive alliance, some say. Collective security is regional.',
        });
        for (const o of ops) {
          const length = sourceText(doc, source)!.length;
          if (o.t === 'passage') {
            if (length < 2) continue;
            const start = o.at % (length - 1);
            addPassage(doc, { source, start, end: Math.min(length, start + o.len) });
          } else {
            const index = o.e.at % (length + 1);
            const deleteCount = Math.min(o.e.del, length - index);
            editSourceText(doc, source, { index, deleteCount, insert: o.e.insert });
          }
        }
        const text = JSON.stringify(exportMap(doc));
        const { doc: copy } = importMap(JSON.parse(text));
        expect(JSON.stringify(exportMap(copy))).toBe(text);
        // Every passage anchored before is anchored on the same words after.
        const after = new Map(resolvePassages(copy).map((r) => [r.passage.id, r]));
        for (const r of resolvePassages(doc)) {
          if (r.status !== 'anchored') continue;
          expect(after.get(r.passage.id)).toMatchObject({
            status: 'anchored',
            start: r.start,
            text: r.text,
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reports passages matched fuzzily and passages not found', () => {
    const json = exportMap(sampleDoc());
    const [quote, position] = json.passages[0]!.selector;
    const fuzzy = { ...json.passages[0]!, id: 'fuzzy' };
    fuzzy.selector = [{ ...quote, exact: 'NATO is a defensiv aliance.' }, position];
    const lost = { ...json.passages[0]!, id: 'lost' };
    lost.selector = [{ ...quote, exact: 'The Warsaw Pact was not.' }, position];
    json.passages.push(fuzzy, lost);
    const { doc, report } = importMap(json);
    expect(report).toEqual({ orphanedPassages: ['lost'], fuzzyPassages: ['fuzzy'], notes: [] });
    expect(resolvePassage(doc, 'fuzzy')).toMatchObject({
      status: 'anchored',
      text: 'NATO is a defensive alliance.',
    });
  });

  it('gives a clear error naming the place of each problem', () => {
    const json = exportMap(sampleDoc()) as MapJson;
    const bad = structuredClone(json) as unknown as Record<string, unknown[]>;
    (bad.relations![0] as { premises: string[] }).premises = ['ghost'];
    (bad.evidence![0] as { stance: string }).stance = 'maybe';
    const err = (() => {
      try {
        parseMapJson(bad);
      } catch (e) {
        return e as MapImportError;
      }
    })();
    expect(err).toBeInstanceOf(MapImportError);
    expect(err?.issues.join('\n')).toMatch(/evidence\.0\.stance/);
    const refs = structuredClone(json);
    refs.relations[0]!.premises = ['ghost'];
    expect(() => parseMapJson(refs)).toThrow(/relations\.0\.premises\.0: unknown claim "ghost"/);
  });

  it('rejects non-maps, wrong versions and unsafe content without building anything', () => {
    expect(() => importMap(null)).toThrow(MapImportError);
    expect(() => importMap({ format: 'warrant-map', version: 99 })).toThrow(/version/);
    const json = exportMap(sampleDoc());
    const evil = structuredClone(json);
    evil.claims[0]!.content = {
      type: 'doc',
      content: [{ type: 'script', content: [] }],
    } as never;
    expect(() => importMap(evil)).toThrow(MapImportError);
    const dup = structuredClone(json);
    dup.claims.push(dup.claims[0]!);
    expect(() => importMap(dup)).toThrow(/duplicate id/);
  });

  it('keeps ids, authors and times', () => {
    const json = exportMap(sampleDoc());
    const { doc } = importMap(json);
    const c = json.claims[0]!;
    expect(getClaim(doc, c.id)).toEqual({
      id: c.id,
      text: c.text,
      author: 'ann',
      createdAt: Date.parse(c.createdAt),
    });
  });
});

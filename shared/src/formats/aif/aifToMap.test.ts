import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MapJson } from '../json/MapJson.ts';
import { aifToMap } from './aifToMap.ts';
import { FormatError } from './FormatReport.ts';
import { importsCleanly } from './testing.ts';

const sample = (name: string): string =>
  readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');
const now = new Date('2026-12-01T12:00:00.000Z');

const claimText = (map: MapJson, id: string): string | undefined =>
  map.claims.find((c) => c.id === id)?.text;
const claimId = (map: MapJson, text: string): string => {
  const c = map.claims.find((c) => c.text === text);
  if (!c) throw new Error(`no claim "${text}"`);
  return c.id;
};
const quoteOf = (map: MapJson, passage: string): string | undefined =>
  map.passages.find((p) => p.id === passage)?.selector[0].exact;

describe('aifToMap on an AIFdb node set (mixed number and string ids, MA and TA nodes)', () => {
  const { map, report } = aifToMap(sample('aifdb-nato.json'), { now });

  it('imports every I-node as a claim, whether its id is a number or a string', () => {
    expect(report.claims).toBe(7);
    expect(map.claims.map((c) => c.text)).toEqual([
      'NATO deters attacks on its members.',
      'No NATO member has been invaded since 1949.',
      'Article 5 commits every member to the defence of the others.',
      'Deterrence failed on 11 September 2001.',
      'Peace since 1949 does not show that NATO caused it.',
      'The attacks of 9/11 were not an invasion by a state.',
      'The alliance keeps its members safe from attack.',
    ]);
    expect(map.claims[0]?.createdAt).toBe('2019-04-04T10:15:00.000Z');
  });

  it('makes one linked support of an RA with two premises, rebuttals of CAs and an undercut of a CA on an RA', () => {
    expect(report.relations).toBe(4);
    const thesis = claimId(map, 'NATO deters attacks on its members.');
    const linked = map.relations.find((r) => r.kind === 'support');
    expect(linked?.premises).toEqual([
      claimId(map, 'No NATO member has been invaded since 1949.'),
      claimId(map, 'Article 5 commits every member to the defence of the others.'),
    ]);
    expect(linked?.target).toEqual({ claim: thesis });
    const rebuttals = map.relations.filter((r) => r.kind === 'rebut' && 'claim' in r.target);
    expect(rebuttals.map((r) => [claimText(map, r.premises[0] ?? ''), r.target])).toEqual([
      ['Deterrence failed on 11 September 2001.', { claim: thesis }],
      [
        'The attacks of 9/11 were not an invasion by a state.',
        { claim: claimId(map, 'Deterrence failed on 11 September 2001.') },
      ],
    ]);
    const undercut = map.relations.find((r) => 'relation' in r.target);
    expect(undercut?.premises).toEqual([
      claimId(map, 'Peace since 1949 does not show that NATO caused it.'),
    ]);
    expect(undercut?.target).toEqual({ relation: linked?.id });
  });

  it('makes the locutions a transcript source, each one a passage cited by its proposition', () => {
    expect(report.passages).toBe(2);
    expect(map.sources).toHaveLength(1);
    expect(map.sources[0]?.text).toBe(
      'Alice Archer: NATO deters attacks on its members\n\nBob Baker: no member has been invaded since 1949',
    );
    expect(map.passages.map((p) => p.selector[0].exact)).toEqual([
      'NATO deters attacks on its members',
      'no member has been invaded since 1949',
    ]);
    expect(
      map.evidence.map((e) => [claimText(map, e.claim), quoteOf(map, e.passage), e.stance]),
    ).toEqual([
      ['NATO deters attacks on its members.', 'NATO deters attacks on its members', 'support'],
      [
        'No NATO member has been invaded since 1949.',
        'no member has been invaded since 1949',
        'support',
      ],
    ]);
  });

  it('reports the MA, the TA and the YA anchored on the transition as left out', () => {
    expect(report.leftOut.map((l) => l.what)).toEqual([
      'YA node 25 ("Arguing")',
      'MA node 11 ("Default Rephrase")',
      'TA node 24 ("Default Transition")',
    ]);
    expect(report.leftOut[1]?.why).toMatch(/rephrase/);
  });

  it('gives a map that passes the schema and imports with every quote anchored', () => {
    expect(importsCleanly(map)).toEqual({ orphanedPassages: [], fuzzyPassages: [], notes: [] });
  });
});

describe('aifToMap on an OVA saved analysis (analysis.txt, string coordinates)', () => {
  const { map, report } = aifToMap(sample('ova-bike-lanes.json'), { now });

  it('takes the title from the analysis and the source text from its HTML', () => {
    expect(map.title).toBe('Bike lanes on the high street');
    expect(map.sources).toHaveLength(1);
    expect(map.sources[0]?.text).toBe(
      'Bob Smith: We should build more bike lanes, because cycling cuts congestion & bike lanes make cycling safer.\n\nWilma Jones: But bike lanes take road space from buses, and buses carry more people.',
    );
  });

  it('imports 4 claims, a linked support and a rebuttal', () => {
    expect([report.claims, report.relations]).toEqual([4, 2]);
    const [support, rebut] = map.relations;
    expect(support?.premises.map((p) => claimText(map, p))).toEqual([
      'Cycling cuts congestion.',
      'Bike lanes make cycling safer.',
    ]);
    expect(rebut?.kind).toBe('rebut');
    expect(claimText(map, rebut?.premises[0] ?? '')).toBe('Bike lanes take road space from buses.');
  });

  it('makes each highlight a passage with its context and position in the plain text', () => {
    expect(report.passages).toBe(4);
    const text = map.sources[0]?.text ?? '';
    for (const p of map.passages) {
      const [quote, position] = p.selector;
      expect(text.slice(position.start, position.end)).toBe(quote.exact);
      expect(text.slice(0, position.start).endsWith(quote.prefix)).toBe(true);
      expect(text.slice(position.end).startsWith(quote.suffix)).toBe(true);
    }
    expect(map.passages[2]?.selector).toEqual([
      {
        type: 'TextQuoteSelector',
        exact: 'bike lanes make cycling safer',
        prefix: 'cause cycling cuts congestion & ',
        suffix: '.\n\nWilma Jones: But bike lanes t',
      },
      { type: 'TextPositionSelector', start: 78, end: 107 },
    ]);
    expect(map.evidence).toHaveLength(4);
    expect(map.evidence.every((e) => e.stance === 'support')).toBe(true);
  });

  it('reports the transition and notes how YA nodes were read', () => {
    expect(report.leftOut.map((l) => l.what)).toEqual(['TA node 15 ("Default Transition")']);
    expect(report.notes).toContain('Citations from YA nodes: 4 × "Asserting" → support.');
    expect(report.notes).toContain(
      'Node positions (x, y) are not imported: Warrant lays out maps itself.',
    );
  });

  it('gives a map that passes the schema and imports with every quote anchored', () => {
    expect(importsCleanly(map)).toEqual({ orphanedPassages: [], fuzzyPassages: [], notes: [] });
  });
});

describe('aifToMap on OVA3 files (AIF, OVA and text sections)', () => {
  const ova3 = {
    AIF: {
      nodes: [
        { nodeID: '1_164', text: 'Speaker 1 : taxes fund the schools', type: 'L' },
        { nodeID: '2_164', text: 'Taxes fund the schools.', type: 'I' },
        { nodeID: '3_164', text: 'Asserting', type: 'YA' },
        { nodeID: 4, text: 'We should keep the tax.', type: 'I' },
        { nodeID: 5, text: 'Default Inference', type: 'RA' },
      ],
      edges: [
        { edgeID: 1, fromID: '1_164', toID: '3_164' },
        { edgeID: 2, fromID: '3_164', toID: '2_164' },
        { edgeID: 3, fromID: '2_164', toID: 5 },
        { edgeID: 4, fromID: 5, toID: 4 },
      ],
      locutions: [{ nodeID: '1_164', personID: 0 }],
      participants: [{ participantID: 0, firstname: 'Speaker', surname: '1' }],
      schemefulfillments: null,
    },
    OVA: { firstname: '', surname: '', url: '', nodes: [{ nodeID: 4, x: '10', y: 20 }], edges: [] },
    text: {
      txt: 'Speaker 1 <span class="highlighted" id="1_164">taxes fund the schools</span>.<br><br>',
    },
  };

  it('reads the wrapped AIF, turns odd ids into valid ones and highlights ids without "node"', () => {
    const { map, report } = aifToMap(JSON.stringify(ova3), { now });
    expect([report.claims, report.relations, report.passages]).toEqual([2, 1, 1]);
    expect(map.claims.map((c) => c.id)).toEqual(['n2_164', 'n4']);
    expect(map.sources[0]?.text).toBe('Speaker 1 taxes fund the schools.');
    expect(map.passages[0]?.selector[1]).toEqual({
      type: 'TextPositionSelector',
      start: 10,
      end: 32,
    });
    expect(map.evidence).toEqual([
      expect.objectContaining({ claim: 'n2_164', passage: map.passages[0]?.id }),
    ]);
    expect(importsCleanly(map)).toEqual({ orphanedPassages: [], fuzzyPassages: [], notes: [] });
  });

  it('reads the text when OVA3 writes it as a plain string, and finds unhighlighted words', () => {
    const plain = { ...ova3, text: 'Speaker 1: so taxes fund the schools, clearly.' };
    const { map } = aifToMap(JSON.stringify(plain), { now });
    expect(map.passages[0]?.selector[0]).toMatchObject({ exact: 'taxes fund the schools' });
    expect(importsCleanly(map).orphanedPassages).toEqual([]);
  });

  it('cites a highlighted I-node by its own words when OVA worked without dialogue', () => {
    const monologue = {
      nodes: [
        { nodeID: 1, text: 'Fares should be free.', type: 'I', x: 0, y: 0 },
        { nodeID: 2, text: 'Free fares fill buses.', type: 'I', x: 0, y: 0 },
        { nodeID: 3, text: 'Default Inference', type: 'RA', x: 0, y: 0 },
      ],
      edges: [
        { fromID: 2, toID: 3 },
        { fromID: 3, toID: 1 },
      ],
      analysis: {
        txt: '<p><span class="highlighted" id="node1">Fares should be free</span>: <span class="highlighted" id="node2">free fares fill buses</span>.</p>',
      },
    };
    const { map } = aifToMap(JSON.stringify(monologue), { now });
    expect(map.evidence.map((e) => [claimText(map, e.claim), quoteOf(map, e.passage)])).toEqual([
      ['Fares should be free.', 'Fares should be free'],
      ['Free fares fill buses.', 'free fares fill buses'],
    ]);
    expect(importsCleanly(map)).toEqual({ orphanedPassages: [], fuzzyPassages: [], notes: [] });
  });
});

describe('aifToMap on bad input', () => {
  it('refuses text that is not JSON, saying so', () => {
    expect(() => aifToMap('<xml>not json</xml>')).toThrow(FormatError);
    expect(() => aifToMap('<xml>not json</xml>')).toThrow(/not JSON/);
  });

  it('refuses JSON that is not AIF, saying what AIF looks like', () => {
    for (const input of ['[]', '"nodes"', '{"format":"warrant-map","claims":[]}', '{"nodes":{}}']) {
      expect(() => aifToMap(input)).toThrow(/not an AIF or OVA analysis/);
    }
    expect(() => aifToMap('{"nodes":[{"id":1}]}')).toThrow(/no.*nodeID and a type/);
  });

  it('reports and skips duplicate ids, dangling edges, self-relations, double conclusions and undercut cycles', () => {
    const bad = {
      nodes: [
        { nodeID: 1, text: 'A', type: 'I' },
        { nodeID: '1', text: 'A again', type: 'I' },
        { nodeID: 2, text: 'B', type: 'I' },
        { nodeID: 3, text: 'C', type: 'I' },
        { nodeID: 10, text: 'Default Inference', type: 'RA' },
        { nodeID: 11, text: 'Default Inference', type: 'RA' },
        { nodeID: 12, text: 'Default Conflict', type: 'CA' },
        { nodeID: 13, text: 'Default Conflict', type: 'CA' },
        { nodeID: 14, text: 'Default Inference', type: 'RA' },
        { nodeID: 15, text: 'Default Inference', type: 'RA' },
        { text: 'no id', type: 'I' },
      ],
      edges: [
        { fromID: 1, toID: 10 },
        { fromID: 10, toID: 1 }, // 10: A supports A
        { fromID: 2, toID: 11 },
        { fromID: 11, toID: 1 },
        { fromID: 11, toID: 3 }, // 11: two conclusions
        { fromID: 2, toID: 12 },
        { fromID: 12, toID: 13 },
        { fromID: 3, toID: 13 },
        { fromID: 13, toID: 12 }, // 12 and 13 undercut each other
        { fromID: 3, toID: 14 },
        { fromID: 14, toID: 99 }, // dangling
        { fromID: 2, toID: 15 },
        { fromID: 3, toID: 15 },
        { fromID: 15, toID: 1 },
        { fromID: 15, toID: 15 },
      ],
    };
    const { map, report } = aifToMap(JSON.stringify(bad), { now });
    expect(map.claims.map((c) => c.text)).toEqual(['A', 'B', 'C']);
    expect(map.relations).toEqual([
      expect.objectContaining({ id: 'n15', premises: ['n2', 'n3'], target: { claim: 'n1' } }),
    ]);
    const why = (what: string): string | undefined =>
      report.leftOut.find((l) => l.what.startsWith(what))?.why;
    expect(why('nodes[10]')).toMatch(/needs a nodeID/);
    expect(why('node 1 (nodes[1])')).toMatch(/same nodeID/);
    expect(why('edge edges[10] (14 → 99)')).toMatch(/node 99, which is not in the file/);
    expect(why('edge edges[14] (15 → 15)')).toMatch(/itself/);
    expect(why('I-node 1 as a premise of RA node 10')).toMatch(/reason for itself/);
    expect(why('RA node 10')).toMatch(/no premise/);
    expect(why('RA node 11')).toMatch(/points to 2 nodes/);
    expect(why('CA node 12')).toMatch(/cycle/);
    expect(why('CA node 13')).toMatch(/left out/);
    expect(why('RA node 14')).toMatch(/no claim or relation/);
    expect(importsCleanly(map)).toEqual({ orphanedPassages: [], fuzzyPassages: [], notes: [] });
  });

  it('notes the argument schemes it cannot keep', () => {
    const nodes = [
      { nodeID: 1, text: 'The doctor says rest helps.', type: 'I' },
      { nodeID: 2, text: 'Rest helps.', type: 'I' },
      { nodeID: 3, text: 'Argument From Expert Opinion', type: 'RA' },
    ];
    const edges = [
      { fromID: 1, toID: 3 },
      { fromID: 3, toID: 2 },
    ];
    const { report } = aifToMap(JSON.stringify({ nodes, edges }), { now });
    expect(report.relations).toBe(1);
    expect(report.notes).toEqual([
      'Argument schemes are not kept (a relation is only support or rebuttal): 1 × "Argument From Expert Opinion".',
    ]);
  });

  it('imports an empty analysis as an empty map', () => {
    const { map, report } = aifToMap('{"nodes":[],"edges":[]}', { now });
    expect([report.claims, report.relations, report.passages]).toEqual([0, 0, 0]);
    expect(map.title).toBe('Imported AIF analysis');
    importsCleanly(map);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { quoteSelector } from '../../anchoring.ts';
import type { MapJson } from '../json/MapJson.ts';
import { plainToRich } from '../../richtext.ts';
import { aifToMap } from './aifToMap.ts';
import { mapToAif } from './mapToAif.ts';
import { importsCleanly } from './testing.ts';

const t = '2026-11-23T18:00:00.000Z';
const SIDDIQI =
  'Collective security is older than NATO. Neighbours share threats, and in a region where ' +
  'states share threats they also share the cost of answering them.\nRegional bodies know the ground.';
const REEDER =
  'Funding matters: the EU & others pay for <most> missions.\n\nWithout it, little happens.';

function passage(
  id: string,
  source: 's1' | 's2',
  words: string,
  nth = 0,
): MapJson['passages'][number] {
  const text = source === 's1' ? SIDDIQI : REEDER;
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(words, start + 1);
  const range = { start, end: start + words.length };
  return {
    id,
    source,
    selector: [
      { type: 'TextQuoteSelector', ...quoteSelector(text, range) },
      { type: 'TextPositionSelector', ...range },
    ],
    author: 'ana',
    createdAt: t,
  };
}

const claim = (id: string, text: string): MapJson['claims'][number] => ({
  id,
  text,
  content: plainToRich(text),
  author: 'ana',
  createdAt: t,
});
const rel = (
  id: string,
  kind: 'support' | 'rebut',
  premises: string[],
  target: { claim: string } | { relation: string },
): MapJson['relations'][number] => ({ id, kind, premises, target, author: 'ana', createdAt: t });

/** A map with every shape AIF must carry: linked reasons, undercuts (of an undercut too),
 * several sources, a quote whose words occur twice, crossing and nested passages, a
 * passage cited twice, one cited against a claim and one not cited. */
const MAP: MapJson = {
  format: 'warrant-map',
  version: 1,
  title: 'Regional collective security',
  createdAt: t,
  claims: [
    claim('c1', 'Collective security works best regionally.'),
    claim('c2', 'Neighbours share threats.'),
    claim('c3', 'Neighbours share the cost of defence.'),
    claim('c4', 'Regional bodies lack money.'),
    claim('c5', 'The EU funds the African Union’s missions.'),
    claim('c6', 'Two lines:\nthe second one.'),
  ],
  relations: [
    rel('r1', 'support', ['c2', 'c3'], { claim: 'c1' }),
    rel('r2', 'rebut', ['c4'], { claim: 'c1' }),
    rel('r3', 'rebut', ['c5'], { relation: 'r2' }),
    rel('r4', 'support', ['c6'], { claim: 'c2' }),
    rel('r5', 'rebut', ['c2'], { relation: 'r3' }),
  ],
  sources: [
    {
      id: 's1',
      title: 'The importance of collective security',
      authors: ['Siddiqi'],
      issued: '2022',
      kind: 'journal article',
      text: SIDDIQI,
      author: 'ana',
      createdAt: t,
    },
    {
      id: 's2',
      title: 'Regionalised collective security',
      authors: [],
      issued: '2023',
      kind: 'op-ed',
      text: REEDER,
      author: 'ana',
      createdAt: t,
    },
  ],
  passages: [
    passage('p1', 's1', 'share threats', 1),
    passage('p2', 's1', 'states share threats they also'),
    passage('p3', 's1', 'they also share the cost'),
    passage('p4', 's1', 'also'),
    passage('p5', 's2', 'the EU & others pay for <most> missions.\n\nWithout it'),
  ],
  evidence: [
    { claim: 'c2', passage: 'p1', stance: 'support', author: 'ana', createdAt: t },
    { claim: 'c1', passage: 'p1', stance: 'support', author: 'ana', createdAt: t },
    { claim: 'c3', passage: 'p3', stance: 'support', author: 'ana', createdAt: t },
    { claim: 'c4', passage: 'p5', stance: 'rebut', author: 'ana', createdAt: t },
  ],
};

/** The map with its ids replaced by what they stand for, so two maps can be compared. */
function shape(map: MapJson) {
  const text = new Map(map.claims.map((c) => [c.id, c.text]));
  const relIndex = new Map(map.relations.map((r, i) => [r.id, i]));
  const sources = new Map(map.sources.map((s) => [s.id, s.title]));
  const quote = new Map(
    map.passages.map((p) => [
      p.id,
      `${sources.get(p.source)}@${p.selector[1].start}-${p.selector[1].end}:${p.selector[0].exact}`,
    ]),
  );
  return {
    title: map.title,
    claims: map.claims.map((c) => c.text),
    relations: map.relations.map((r) => ({
      kind: r.kind,
      premises: r.premises.map((p) => text.get(p)),
      target: 'claim' in r.target ? text.get(r.target.claim) : relIndex.get(r.target.relation),
    })),
    sources: map.sources.map((s) => ({ title: s.title, text: s.text })),
    passages: map.passages.map((p) => quote.get(p.id)),
    evidence: map.evidence
      .map((e) => `${text.get(e.claim)} ${e.stance} ${quote.get(e.passage)}`)
      .sort(),
  };
}

describe('mapToAif', () => {
  it('starts from a map that imports with every passage anchored', () => {
    expect(importsCleanly(MAP)).toEqual({ orphanedPassages: [], fuzzyPassages: [], notes: [] });
  });

  it('writes AIFdb JSON: numeric-string ids, no coordinates, RA/CA/L/YA nodes with edges', () => {
    const aif = JSON.parse(mapToAif(MAP)) as {
      nodes: { nodeID: string; type: string; text: string }[];
      edges: { edgeID: string; fromID: string; toID: string }[];
      locutions: { nodeID: string; personID: string }[];
      participants: { participantID: string; firstname: string; surname: string }[];
      schemefulfillments: { nodeID: string; schemeID: string }[];
      analysis: { txt: string; documentTitle: string };
    };
    const count = (type: string): number => aif.nodes.filter((n) => n.type === type).length;
    expect([count('I'), count('RA'), count('CA'), count('L'), count('YA')]).toEqual([
      6, 2, 3, 5, 4,
    ]);
    expect(aif.nodes.map((n) => n.nodeID)).toEqual(aif.nodes.map((_, i) => String(i + 1)));
    expect(aif.nodes.some((n) => 'x' in n || 'y' in n)).toBe(false);
    const ids = new Set(aif.nodes.map((n) => n.nodeID));
    expect(
      aif.edges.every((e) => ids.has(e.fromID) && ids.has(e.toID) && /^\d+$/.test(e.edgeID)),
    ).toBe(true);
    // 2 + 1 + 1 + 1 + 1 premise edges, 5 conclusion edges, 2 per citation
    expect(aif.edges).toHaveLength(6 + 5 + 8);
    expect(aif.locutions).toHaveLength(5);
    expect(aif.participants[0]).toMatchObject({ firstname: 'Siddiqi', surname: '' });
    expect(aif.nodes.find((n) => n.type === 'L')?.text).toBe('Siddiqi : share threats');
    expect(aif.schemefulfillments.map((s) => s.schemeID)).toEqual(['72', '71', '71', '72', '71']);
    expect(aif.analysis.documentTitle).toBe('Regional collective security');
    expect(aif.analysis.txt).toContain(
      'the EU &amp; others pay for &lt;most&gt; missions.<br><br>',
    );
  });

  it('round-trips claims, linked reasons, undercuts, sources, quotes and citations', () => {
    const { map, report } = aifToMap(mapToAif(MAP));
    expect(shape(map)).toEqual(shape(MAP));
    expect(report.leftOut).toEqual([]);
    expect(importsCleanly(map)).toEqual({ orphanedPassages: [], fuzzyPassages: [], notes: [] });
  });

  it('places a passage that crosses another one by its words when it cannot be highlighted', () => {
    const { map } = aifToMap(mapToAif(MAP));
    // p3 crosses p2: it is not highlighted, and found again by its (unique) words.
    expect(JSON.parse(mapToAif(MAP)).analysis.txt).not.toContain(`id="node${6 + 5 + 3}"`);
    expect(map.passages[2]?.selector[0].exact).toBe('they also share the cost');
  });

  it('round-trips the AIFdb sample (less what Warrant left out of it)', () => {
    const sample = readFileSync(new URL('./testdata/aifdb-nato.json', import.meta.url), 'utf8');
    const first = aifToMap(sample).map;
    expect(shape(aifToMap(mapToAif(first)).map)).toEqual(shape(first));
  });
});

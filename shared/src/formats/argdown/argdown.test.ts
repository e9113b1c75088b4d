import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { quoteSelector } from '../../anchoring.ts';
import { exportMap } from '../json/exportMap.ts';
import type { MapJson } from '../json/MapJson.ts';
import { importMap } from '../json/importMap.ts';
import { mapToArgdown } from './exportArgdown.ts';
import { argdownToMap } from './importArgdown.ts';
import { ArgdownSyntaxError, loadArgdownParser, parseArgdown } from './parseArgdown.ts';

const NOW = '2026-01-02T03:04:05.000Z';
const plainDoc = (text: string): MapJson['claims'][number]['content'] => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});
const read = (name: string): string =>
  readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');

/** A map's meaning without its ids: claim texts, relations by text, citations by words. */
function meaning(map: MapJson) {
  const text = new Map(map.claims.map((c) => [c.id, c.text]));
  const relation = (id: string): string => {
    const r = map.relations.find((x) => x.id === id);
    if (!r) return '?';
    const premises = r.premises.map((p) => text.get(p)).sort();
    const target = 'claim' in r.target ? text.get(r.target.claim) : relation(r.target.relation);
    return `${r.kind}(${premises.join(' & ')} → ${target})`;
  };
  const passages = new Map(map.passages.map((p) => [p.id, p]));
  const sources = new Map(map.sources.map((s) => [s.id, s]));
  return {
    claims: map.claims.map((c) => c.text).sort(),
    content: map.claims.map((c) => JSON.stringify(c.content)).sort(),
    relations: map.relations.map((r) => relation(r.id)).sort(),
    sources: map.sources.map(({ title, authors, issued, kind, url, text }) =>
      JSON.stringify({ title, authors, issued, kind, url, text }),
    ),
    evidence: map.evidence
      .map((e) => {
        const p = passages.get(e.passage);
        return JSON.stringify([
          text.get(e.claim),
          e.stance,
          sources.get(p?.source ?? '')?.title,
          p?.selector,
        ]);
      })
      .sort(),
  };
}

// The reference parser loads on first use (it is heavy), as the relay loads it before an import.
beforeAll(() => loadArgdownParser());

describe('argdownToMap on the Argdown project’s examples', () => {
  // The counts @argdown/core 2.0.1 reports (shared/interchange/README.md) predict ours:
  //   claims    = statements + arguments without a premise–conclusion structure (pcs)
  //   relations = support + attack + undercut (one each) + 2 × (contrary + contradictory)
  //               + one linked support per inference step of each pcs.
  // The README's pcsSteps counts the statements in the structures (premises and
  // conclusions); each file's structures conclude once, so steps = reconstructed arguments.
  const cases = [
    // 17 statements + (4 arguments − 1 reconstructed); 5 support + 5 attack + 1 step.
    { file: 'argdown-primer.argdown', claims: 17 + 3, relations: 5 + 5 + 1 },
    // 12 statements + (5 − 1); 2 support + 5 attack + 1 step.
    { file: 'intro.argdown', claims: 12 + 4, relations: 2 + 5 + 1 },
    // 1 statement + 17 arguments, none reconstructed; 9 support + 8 attack + 2 undercut,
    // each undercut attacking an argument that gives exactly one reason.
    { file: 'legalisation-softdrugs.argdown', claims: 1 + 17, relations: 9 + 8 + 2 },
    // 29 statements + (2 − 2); 7 support + 8 attack + 2 steps (2 structures of 3 statements).
    { file: 'parser-mix.argdown', claims: 29 + 0, relations: 7 + 8 + 2 },
    // 25 statements + 22 arguments, none reconstructed; 35 support + 23 attack.
    { file: 'veggie_debate.argdown', claims: 25 + 22, relations: 35 + 23 },
  ];
  for (const { file, claims, relations } of cases) {
    it(`makes ${claims} claims and ${relations} relations from ${file}`, () => {
      const { map, report } = argdownToMap(read(file), { now: NOW });
      expect(map.claims).toHaveLength(claims);
      expect(map.relations).toHaveLength(relations);
      expect(report).toMatchObject({ claims, relations });
      // Nothing had to be skipped as an invalid relation, and the map imports.
      expect(report.leftOut.filter((l) => /relation|support|attack|undercut/.test(l.what))).toEqual(
        [],
      );
      expect(() => importMap(map)).not.toThrow();
    });
  }

  it('turns the undercuts of legalisation-softdrugs into rebuttals of reasons', () => {
    const { map } = argdownToMap(read('legalisation-softdrugs.argdown'), { now: NOW });
    const undercuts = map.relations.filter((r) => 'relation' in r.target);
    expect(undercuts).toHaveLength(2);
    expect(undercuts.every((r) => r.kind === 'rebut')).toBe(true);
  });

  it('links the premises of an inference step into one support', () => {
    const { map } = argdownToMap(read('parser-mix.argdown'), { now: NOW });
    const linked = map.relations.filter((r) => r.premises.length > 1);
    expect(linked.map((r) => r.kind)).toEqual(['support', 'support']);
    expect(linked.map((r) => r.premises.length)).toEqual([2, 2]);
  });

  it('stamps every record with the given time and author', () => {
    const { map } = argdownToMap(read('intro.argdown'), { now: NOW, author: 'ana' });
    expect(new Set(map.claims.map((c) => `${c.createdAt} ${c.author}`))).toEqual(
      new Set([`${NOW} ana`]),
    );
  });
});

describe('argdownToMap', () => {
  it('refuses a syntax error, naming its line and column, and makes no map', () => {
    const text = '[A]: fine\n\n<B>: also fine\n  _> <C> _> <D>\n';
    let error: unknown;
    try {
      argdownToMap(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ArgdownSyntaxError);
    expect((error as ArgdownSyntaxError).line).toBe(4);
    expect((error as Error).message).toMatch(/line 4, column \d+/);
  });

  it('reports tags, headings, inference rules and YAML data that have no home', () => {
    const text = [
      '===',
      'title: Tagged',
      'color: {colorScheme: x}',
      '===',
      '',
      '# Pros {isGroup: true}',
      '',
      '[A]: Alpha #(hot topic) {importance: 3}',
      '',
      '<Arg>',
      '',
      '(1) [B]: Beta',
      '--',
      'Modus ponens',
      '--',
      '(2) [A]',
      '',
    ].join('\n');
    const { map, report } = argdownToMap(text, { now: NOW });
    expect(map.title).toBe('Tagged');
    const what = report.leftOut.map((l) => l.what);
    expect(what).toEqual(
      expect.arrayContaining([
        'front matter "color"',
        'heading "Pros"',
        'tag #hot topic',
        'data "importance" of statement [A]',
        'inference rule "Modus ponens" in <Arg>',
      ]),
    );
    expect(report.leftOut.find((l) => l.what === 'heading "Pros"')?.line).toBe(6);
    expect(map.relations).toHaveLength(1);
  });

  it('makes contrary and contradictory statements rebut each other, and says so', () => {
    // `- [A]` under [C]: A attacks C.
    const { map, report } = argdownToMap('[A]: a\n  >< [B]: b\n\n[C]: c\n  - [A]\n', { now: NOW });
    const text = new Map(map.claims.map((c) => [c.id, c.text]));
    const pairs = map.relations.map(
      (r) => `${text.get(r.premises[0]!)}→${'claim' in r.target ? text.get(r.target.claim) : ''}`,
    );
    expect(pairs.sort()).toEqual(['a→b', 'a→c', 'b→a']);
    expect(report.notes.join(' ')).toMatch(/contradictory .* rebuttal each way/);
  });

  it('skips and reports a statement that supports itself', () => {
    const { map, report } = argdownToMap('[A]: a\n  +> [A]\n', { now: NOW });
    expect(map.relations).toHaveLength(0);
    expect(report.leftOut.map((l) => l.why)).toContain('a claim cannot be a reason for itself');
  });

  it('keeps bold, italic and safe links as marks, and unsafe links as plain words', () => {
    const { map } = argdownToMap(
      '[A]: **strong** _soft_ [site](https://example.org) [bad](javascript:alert(1))',
      { now: NOW },
    );
    const nodes = map.claims[0]!.content.content[0]!.content!;
    expect(nodes.filter((n) => n.marks).map((n) => [n.text, n.marks])).toEqual([
      ['strong', [{ type: 'bold' }]],
      ['soft', [{ type: 'italic' }]],
      ['site', [{ type: 'link', attrs: { href: 'https://example.org' } }]],
    ]);
  });
});

/** A map with every kind of thing the exporter writes, and text that looks like syntax. */
function richMap(): MapJson {
  const at = NOW;
  const body =
    'The alliance {as drafted} pledged mutual aid [art. 5] === and more. Members must act when one is attacked.';
  const claim = (id: string, text: string, content?: MapJson['claims'][number]['content']) => ({
    id,
    text,
    content: content ?? {
      type: 'doc' as const,
      content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
    },
    author: 'a',
    createdAt: at,
  });
  const rel = (
    id: string,
    kind: 'support' | 'rebut',
    premises: string[],
    target: { claim: string } | { relation: string },
  ) => ({ id, kind, premises, target, author: 'a', createdAt: at });
  const passage = (id: string, exact: string) => {
    const start = body.indexOf(exact);
    const range = { start, end: start + exact.length };
    return {
      id,
      source: 's1',
      selector: [
        { type: 'TextQuoteSelector' as const, ...quoteSelector(body, range) },
        { type: 'TextPositionSelector' as const, ...range },
      ] as MapJson['passages'][number]['selector'],
      author: 'a',
      createdAt: at,
    };
  };
  return {
    format: 'warrant-map',
    version: 1,
    title: 'Edge cases: [brackets] & {braces}',
    createdAt: at,
    claims: [
      claim('root', 'NATO is a collective security mechanism.'),
      claim('p1', 'Article 5: an attack on one is an attack on all.'),
      claim('p2', 'Members pledge aid #always, e.g. U.S.A. :smile: <not an argument> @[x].'),
      claim('r1', 'A defensive alliance {looks outward} and *differs*_in_kind.'),
      claim('r2', 'The concepts are distinct.'),
      claim('u1', 'The pledge is conditional.'),
      claim('u2', 'Conditions are vague.'),
      claim('u3', 'Vagueness is deliberate.'),
      claim('uu', 'Deliberate vagueness is a strategy.'),
      claim('rich', 'Bold italic link and more', {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Bold', marks: [{ type: 'bold' }] },
              { type: 'text', text: ' ' },
              { type: 'text', text: 'italic', marks: [{ type: 'italic' }] },
              { type: 'text', text: ' ' },
              {
                type: 'text',
                text: 'link',
                marks: [{ type: 'link', attrs: { href: 'https://example.org/a_b' } }],
              },
              { type: 'text', text: ' and more' },
            ],
          },
        ],
      }),
      claim('dup', 'NATO is a collective security mechanism!'),
    ],
    relations: [
      rel('s-linked', 'support', ['p1', 'p2'], { claim: 'root' }),
      rel('r-linked', 'rebut', ['r1', 'r2'], { claim: 'root' }),
      rel('s-single', 'support', ['rich'], { claim: 'p1' }),
      rel('r-single', 'rebut', ['dup'], { claim: 'r2' }),
      rel('undercut', 'rebut', ['u1'], { relation: 's-linked' }),
      rel('undercut-linked', 'rebut', ['u2', 'u3'], { relation: 's-single' }),
      rel('undercut-of-undercut', 'rebut', ['uu'], { relation: 'undercut' }),
    ],
    sources: [
      {
        id: 's1',
        title: 'Treaty {notes}',
        authors: ['Ann Author'],
        issued: '2023',
        kind: 'journal article',
        url: 'https://example.org/t',
        text: body,
        author: 'a',
        createdAt: at,
      },
    ],
    passages: [passage('q1', 'pledged mutual aid [art. 5]'), passage('q2', 'Members must act')],
    evidence: [
      { claim: 'p1', passage: 'q1', stance: 'support', author: 'a', createdAt: at },
      { claim: 'root', passage: 'q1', stance: 'support', author: 'a', createdAt: at },
      { claim: 'r2', passage: 'q2', stance: 'rebut', author: 'a', createdAt: at },
    ],
  };
}

describe('mapToArgdown', () => {
  it('is read by @argdown/core as one statement per claim and the map’s relations', () => {
    const map = richMap();
    const model = parseArgdown(mapToArgdown(map));
    // 11 claims + one stand-in conclusion per rebuttal written as an argument (r-linked,
    // undercut-linked, and the undercut that is itself undercut).
    expect(model.statements).toHaveLength(11 + 3);
    // Arguments: each linked or undercut reason (s-linked, r-linked, s-single,
    // undercut-linked, undercut).
    expect(model.arguments).toHaveLength(5);
    const kinds = model.relations.map((r) => r.relationType).sort();
    // r-linked, r-single, and the two stand-ins of undercuts attack; s-single's and
    // s-linked's supports are their structures, not relations; three undercuts.
    expect(kinds).toEqual(['attack', 'attack', 'undercut', 'undercut', 'undercut']);
  });

  it('round-trips claims, linked reasons, undercuts and anchored quotes', () => {
    const original = richMap();
    const text = mapToArgdown(original);
    const { map, report } = argdownToMap(text, { now: NOW });
    expect(report.leftOut).toEqual([]);
    // Both go through the model, and come back as JSON to compare.
    const before = exportMap(importMap(original).doc);
    const imported = importMap(map);
    expect(imported.report).toEqual({ orphanedPassages: [], fuzzyPassages: [], notes: [] });
    const after = exportMap(imported.doc);
    expect(meaning(after)).toEqual(meaning(before));
    expect(after.title).toBe(before.title);
    expect(after.passages).toHaveLength(2);
  });

  it('gives claims with the same words distinct titles', () => {
    const map = richMap();
    map.claims.push({ ...map.claims[0]!, id: 'again' });
    const text = mapToArgdown(map);
    expect(text).toContain('[NATO is a collective security mechanism]:');
    expect(text).toContain('[NATO is a collective security mechanism 2]:');
    expect(parseArgdown(text).statements).toHaveLength(12 + 3);
  });

  it('numbers repeated titles past a title that already carries the next number', () => {
    const map = richMap();
    const first = map.claims[0]!;
    const words = ['Same words', 'Same words', 'Same words 2', 'Same words', 'Same words 3'];
    map.claims.push(
      ...words.map((text, i) => ({ ...first, id: `same${i}`, text, content: plainDoc(text) })),
    );
    const titles = [...mapToArgdown(map).matchAll(/^\[(Same words[^\]]*)\]:/gm)].map((m) => m[1]);
    expect(titles).toEqual([
      'Same words',
      'Same words 2',
      'Same words 2 2',
      'Same words 3',
      'Same words 3 2',
    ]);
  });
});

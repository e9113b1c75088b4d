import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MapJson } from '../json/MapJson.ts';
import { FormatError } from '../aif/FormatReport.ts';
import { importsCleanly } from '../aif/testing.ts';
import { kialoToMap } from './kialoToMap.ts';

const sample = readFileSync(
  new URL('./testdata/cars-in-city-centres.txt', import.meta.url),
  'utf8',
);
const now = new Date('2026-12-01T12:00:00.000Z');

/** Each relation as "premise number → target number", by Kialo numbering (ids are k1-2-3). */
const edges = (map: MapJson): string[] => {
  const num = (id: string): string => id.slice(1).replace(/-/g, '.');
  return map.relations.map(
    (r) =>
      `${r.premises.map(num).join('+')} ${r.kind} ${'claim' in r.target ? num(r.target.claim) : '?'}`,
  );
};

describe('kialoToMap on a discussion export', () => {
  const { map, report } = kialoToMap(sample, { now });

  it('takes the title and makes the thesis and every numbered claim a claim, "-> See" lines none', () => {
    expect(map.title).toBe('Should cities ban cars from their centres?');
    expect(report.claims).toBe(9);
    expect(map.claims.map((c) => c.id)).toEqual([
      'k1',
      'k1-1',
      'k1-1-1',
      'k1-2',
      'k1-2-1',
      'k1-2-2',
      'k1-3',
      'k1-3-1',
      'k1-5',
    ]);
    expect(map.claims[0]?.text).toBe('Cities should ban cars from their centres.');
  });

  it('relates each claim to its parent, Pro as support and Con as rebuttal, and reuses "-> See" claims both ways', () => {
    expect(report.relations).toBe(10);
    expect(edges(map)).toEqual([
      '1.1 support 1',
      '1.1.1 rebut 1.1',
      '1.3.1 support 1.1', // 1.1.2: -> See 1.3.1, a claim further down
      '1.2 rebut 1',
      '1.2.1 rebut 1.2',
      '1.2.2 support 1.2',
      '1.3 support 1',
      '1.3.1 support 1.3',
      '1.1.1 rebut 1', // 1.4: -> See 1.1.1, a claim further up
      '1.5 rebut 1',
    ]);
    expect(report.notes).toContain('2 "-> See" lines made a claim a reason under a second parent.');
  });

  it('reads backslash escapes and keeps a markdown link as a link mark', () => {
    const air = map.claims.find((c) => c.id === 'k1-1');
    expect(air?.text).toBe('Car-free centres have cleaner air (see the Madrid study).');
    expect(air?.content).toEqual({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Car-free centres have cleaner air (see the ' },
            {
              type: 'text',
              text: 'Madrid study',
              marks: [
                { type: 'link', attrs: { href: 'https://example.org/madrid-2019?year=2019' } },
              ],
            },
            { type: 'text', text: ').' },
          ],
        },
      ],
    });
    expect(map.claims.find((c) => c.id === 'k1-2-1')?.text).toBe(
      'Pedestrians and cyclists spend more per month than drivers - surveys in several cities show it.',
    );
    expect(map.claims.find((c) => c.id === 'k1-3-1')?.text).toBe(
      'Fewer cars means fewer exhaust fumes in the streets*.',
    );
  });

  it('keeps a claim that runs over several lines, one paragraph per line', () => {
    const deliveries = map.claims.find((c) => c.id === 'k1-2-2');
    expect(deliveries?.text).toBe(
      'Deliveries would become slower\nand more expensive,\nwhich small shops cannot absorb.',
    );
    expect(deliveries?.content.content).toHaveLength(3);
  });

  it('leaves nothing out and gives a map that passes the schema and imports', () => {
    expect(report.leftOut).toEqual([]);
    expect(importsCleanly(map)).toEqual({ orphanedPassages: [], fuzzyPassages: [], notes: [] });
  });
});

describe('kialoToMap on unusual and bad input', () => {
  it('refuses text with no numbered claims', () => {
    expect(() => kialoToMap('')).toThrow(FormatError);
    expect(() => kialoToMap('Discussion Title: Nothing here\n\nJust prose.')).toThrow(
      /not a Kialo discussion export/,
    );
    expect(() => kialoToMap('{"nodes": []}')).toThrow(/numbered claims/);
  });

  it('reports references to missing claims, circular references, self-references and unmarked claims', () => {
    const text = [
      'Discussion Title: Odd cases',
      '',
      '1. Thesis.',
      '1.1. Pro: -> See 9.9.',
      '1.2. Con: -> See 1.3.',
      '1.3. Con: -> See 1.2.',
      '1.4. Pro: A reason.',
      '1.4.1. Pro: -> See 1.4.',
      '1.5. Neither pro nor con.',
      '1.6. Pro: [a script](javascript:alert(1)) and \\[brackets\\]',
      '1.7. Pro: In',
      '2020. people said so.',
    ].join('\r\n');
    const { map, report } = kialoToMap(text, { now });
    expect(map.claims.map((c) => c.text)).toEqual([
      'Thesis.',
      'A reason.',
      'Neither pro nor con.',
      'a script and [brackets]',
      'In\n2020. people said so.',
    ]);
    expect(edges(map)).toEqual(['1.4 support 1', '1.6 support 1', '1.7 support 1']);
    expect(report.leftOut.map((l) => `${l.what}: ${l.why}`)).toEqual([
      'the link to "javascript:alert(1)" in claim 1.6: claims may link only to http(s) and mailto addresses; its text was kept',
      'claim 1.1 (line 4): "-> See 9.9" names no claim in the file',
      'claim 1.2 (line 5): "-> See 1.3" leads in a circle',
      'claim 1.3 (line 6): "-> See 1.2" leads in a circle',
      'claim 1.4.1 (line 8): it refers to the claim it answers: a claim cannot be a reason for itself',
      'claim 1.5 (line 9): it is marked neither Pro nor Con, so it is imported without a relation',
    ]);
    expect(importsCleanly(map)).toEqual({ orphanedPassages: [], fuzzyPassages: [], notes: [] });
  });

  it('uses the thesis as the title when there is no title line, and says so', () => {
    const { map, report } = kialoToMap(
      '1. Tea is better than coffee.\n1.1. Con: Coffee has more caffeine.',
    );
    expect(map.title).toBe('Tea is better than coffee.');
    expect(report.notes).toContain(
      'The file has no "Discussion Title:" line; the thesis is the title.',
    );
    expect(edges(map)).toEqual(['1.1 rebut 1']);
  });
});

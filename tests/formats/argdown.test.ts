import { buildSampleMap, NATO_SAMPLE } from '@warrant/fixtures';
import { exportMap, importMap } from '@warrant/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mapToArgdown } from '../../shared/src/formats/argdown/exportArgdown.ts';
import { argdownToMap } from '../../shared/src/formats/argdown/importArgdown.ts';
import { parseArgdown } from '../../shared/src/formats/argdown/parseArgdown.ts';
import { loadArgdownParser } from '../../shared/src/formats/argdown/parseArgdown.ts';

function natoJson() {
  const doc = new Y.Doc();
  buildSampleMap(doc);
  return exportMap(doc);
}

// The reference parser loads on first use (it is heavy), as the relay loads it before an import.
beforeAll(() => loadArgdownParser());

describe('the NATO sample map in Argdown', () => {
  it('is read by @argdown/core as exactly its claims and relations', () => {
    const map = natoJson();
    const model = parseArgdown(mapToArgdown(map));
    const linked = map.relations.filter((r) => r.premises.length > 1);
    const linkedRebuts = linked.filter((r) => r.kind === 'rebut');
    const single = map.relations.filter((r) => r.premises.length === 1);
    expect(map.claims).toHaveLength(NATO_SAMPLE.claims.length);
    // One statement per claim, plus one stand-in conclusion per linked rebuttal.
    expect(model.statements).toHaveLength(map.claims.length + linkedRebuts.length);
    // One argument with a premise–conclusion structure per linked reason.
    expect(model.arguments).toHaveLength(linked.length);
    expect(model.arguments.every((a) => a.pcs.length > 2)).toBe(true);
    const byType = (type: string) => model.relations.filter((r) => r.relationType === type).length;
    // Single-premise reasons are relations by kind; a linked rebuttal's stand-in attacks
    // its target; a linked support is its structure's inference.
    expect(byType('support')).toBe(single.filter((r) => r.kind === 'support').length);
    expect(byType('attack')).toBe(
      single.filter((r) => r.kind === 'rebut').length + linkedRebuts.length,
    );
    expect(model.relations).toHaveLength(byType('support') + byType('attack'));
  });

  it('comes back with the same claims, reasons and anchored quotes', () => {
    const original = natoJson();
    const { map, report } = argdownToMap(mapToArgdown(original));
    expect(report.leftOut).toEqual([]);
    const imported = importMap(map);
    expect(imported.report).toEqual({ orphanedPassages: [], fuzzyPassages: [], notes: [] });
    const after = exportMap(imported.doc);
    // Every imported record has the one import time, so order is by id: compare sorted.
    const texts = (m: typeof original) => new Map(m.claims.map((c) => [c.id, c.text]));
    const shape = (m: typeof original) => {
      const t = texts(m);
      const passages = new Map(m.passages.map((p) => [p.id, p.selector]));
      return {
        claims: m.claims.map((c) => c.text).sort(),
        content: m.claims.map((c) => JSON.stringify(c.content)).sort(),
        relations: m.relations
          .map((r) =>
            JSON.stringify([
              r.kind,
              r.premises.map((p) => t.get(p)).sort(),
              'claim' in r.target ? t.get(r.target.claim) : r.target.relation,
            ]),
          )
          .sort(),
        sources: [...m.sources]
          .sort((a, b) => a.title.localeCompare(b.title))
          .map(({ title, authors, issued, kind, url, text }) => ({
            title,
            authors,
            issued,
            kind,
            url,
            text,
          })),
        evidence: m.evidence
          .map((e) => JSON.stringify([t.get(e.claim), e.stance, passages.get(e.passage)]))
          .sort(),
      };
    };
    expect(shape(after)).toEqual(shape(original));
  });
});

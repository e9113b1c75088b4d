import * as Y from 'yjs';
import { locateQuote } from '../../anchoring.ts';
import { ModelError } from '../../errors.ts';
import { createMap, isMap } from '../../meta.ts';
import { insertClaim } from '../../records/Claim.ts';
import { insertEvidence } from '../../records/Evidence.ts';
import { insertPassageBySelector } from '../../records/Passage.ts';
import { insertRelation } from '../../records/Relation.ts';
import { insertSource } from '../../records/Source.ts';
import type { RichDoc } from '../../richtext.ts';
import { emptyReport, MapImportError, type ImportResult } from '../Format.ts';
import { mapJsonSchema, type MapJson } from './MapJson.ts';

/** Validates a JSON map (shape and references) without building anything. */
export function parseMapJson(input: unknown): MapJson {
  const parsed = mapJsonSchema.safeParse(input);
  if (!parsed.success) {
    throw new MapImportError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`),
    );
  }
  const issues = checkReferences(parsed.data);
  if (issues.length) throw new MapImportError(issues);
  return parsed.data;
}

/**
 * Builds a map from its JSON form into `doc` (a fresh Y.Doc if none is given), keeping ids
 * and times, in one transaction. Invalid input throws `MapImportError` before anything is
 * written. Passages are re-anchored by their quote selector (exact words, disambiguated by
 * context and position; then loosely; then fuzzily, guided by context and position); those
 * matched fuzzily and those not found (kept, orphaned) are reported.
 */
export function importMap(input: unknown, doc: Y.Doc = new Y.Doc()): ImportResult {
  const map = parseMapJson(input);
  if (isMap(doc)) throw new ModelError('Import needs an empty document.');
  const ms = (iso: string): number => Date.parse(iso);
  const report = emptyReport();
  const texts = new Map(map.sources.map((s) => [s.id, s.text]));
  doc.transact(() => {
    createMap(doc, { title: map.title, createdAt: ms(map.createdAt) });
    for (const c of map.claims) {
      insertClaim(doc, c.id, {
        content: c.content as RichDoc,
        author: c.author,
        createdAt: ms(c.createdAt),
      });
    }
    for (const r of relationOrder(map.relations)) {
      insertRelation(doc, r.id, { ...r, createdAt: ms(r.createdAt) });
    }
    for (const s of map.sources) {
      const { text, createdAt, id, ...meta } = s;
      insertSource(doc, id, { ...meta, body: text, createdAt: ms(createdAt) });
    }
    for (const p of map.passages) {
      const [selector, pos] = p.selector;
      const quote = { exact: selector.exact, prefix: selector.prefix, suffix: selector.suffix };
      const position = { start: pos.start, end: pos.end };
      const found = insertPassageBySelector(doc, p.id, {
        source: p.source,
        quote,
        position,
        author: p.author,
        createdAt: ms(p.createdAt),
      });
      if (!found) report.orphanedPassages.push(p.id);
      else {
        // The same search again, on the same text, says how it matched; the words
        // themselves being there settles it at once for nearly every passage.
        const text = texts.get(p.source) ?? '';
        if (!text.includes(quote.exact) && locateQuote(text, quote, position)?.quality === 'fuzzy')
          report.fuzzyPassages.push(p.id);
      }
    }
    for (const e of map.evidence) insertEvidence(doc, { ...e, createdAt: ms(e.createdAt) });
  });
  return { doc, report };
}

/** Relations whose target is a relation come after that relation. */
function relationOrder(relations: MapJson['relations']): MapJson['relations'] {
  const byId = new Map(relations.map((r) => [r.id, r]));
  const done = new Set<string>();
  const out: MapJson['relations'] = [];
  const visit = (r: MapJson['relations'][number]): void => {
    if (done.has(r.id)) return;
    done.add(r.id);
    if ('relation' in r.target) {
      const t = byId.get(r.target.relation);
      if (t) visit(t);
    }
    out.push(r);
  };
  relations.forEach(visit);
  return out;
}

function checkReferences(map: MapJson): string[] {
  const issues: string[] = [];
  const unique = (name: string, ids: string[]): Set<string> => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) issues.push(`${name}.${i}.id: duplicate id "${id}"`);
      seen.add(id);
    });
    return seen;
  };
  const claims = unique(
    'claims',
    map.claims.map((c) => c.id),
  );
  const relations = unique(
    'relations',
    map.relations.map((r) => r.id),
  );
  const sources = unique(
    'sources',
    map.sources.map((s) => s.id),
  );
  const passages = unique(
    'passages',
    map.passages.map((p) => p.id),
  );
  const relationTargets = new Map<string, string>();
  map.relations.forEach((r, i) => {
    r.premises.forEach((p, j) => {
      if (!claims.has(p)) issues.push(`relations.${i}.premises.${j}: unknown claim "${p}"`);
    });
    if (new Set(r.premises).size !== r.premises.length) {
      issues.push(`relations.${i}.premises: a premise is listed twice`);
    }
    if ('claim' in r.target) {
      if (!claims.has(r.target.claim))
        issues.push(`relations.${i}.target.claim: unknown claim "${r.target.claim}"`);
      if (r.premises.includes(r.target.claim))
        issues.push(`relations.${i}: a claim cannot be a reason for itself`);
    } else {
      if (!relations.has(r.target.relation)) {
        issues.push(`relations.${i}.target.relation: unknown relation "${r.target.relation}"`);
      }
      if (r.kind !== 'rebut') issues.push(`relations.${i}: only a rebuttal can target a relation`);
      relationTargets.set(r.id, r.target.relation);
    }
  });
  for (const start of relationTargets.keys()) {
    const seen = new Set<string>();
    for (let at: string | undefined = start; at !== undefined; at = relationTargets.get(at)) {
      if (seen.has(at)) {
        issues.push(`relations: relation "${start}" is in a cycle of undercuts`);
        break;
      }
      seen.add(at);
    }
  }
  map.passages.forEach((p, i) => {
    if (!sources.has(p.source)) issues.push(`passages.${i}.source: unknown source "${p.source}"`);
    const [, pos] = p.selector;
    if (pos.end <= pos.start) issues.push(`passages.${i}.selector.1: end must be after start`);
  });
  const cited = new Set<string>();
  map.evidence.forEach((e, i) => {
    if (!claims.has(e.claim)) issues.push(`evidence.${i}.claim: unknown claim "${e.claim}"`);
    if (!passages.has(e.passage))
      issues.push(`evidence.${i}.passage: unknown passage "${e.passage}"`);
    const key = `${e.claim}:${e.passage}`;
    if (cited.has(key))
      issues.push(`evidence.${i}: claim "${e.claim}" cites passage "${e.passage}" twice`);
    cited.add(key);
  });
  return issues;
}

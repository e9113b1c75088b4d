import type * as Y from 'yjs';
import { readMeta } from '../meta.ts';
import { claimContent, listClaims } from '../records/Claim.ts';
import { listEvidence } from '../records/Evidence.ts';
import { listPassages } from '../records/Passage.ts';
import { listRelations } from '../records/Relation.ts';
import { listSources, sourceText } from '../records/Source.ts';
import { MAP_JSON_FORMAT, MAP_JSON_VERSION, type MapJson } from './MapJson.ts';

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The map as JSON: only live records (what every query shows), in creation order, so the
 * same map always exports to the same bytes.
 */
export function exportMap(doc: Y.Doc): MapJson {
  const meta = readMeta(doc);
  return {
    format: MAP_JSON_FORMAT,
    version: MAP_JSON_VERSION,
    title: meta.title,
    createdAt: iso(meta.createdAt),
    claims: listClaims(doc).map((c) => ({
      id: c.id,
      text: c.text,
      content: claimContent(doc, c.id) ?? { type: 'doc', content: [] },
      author: c.author,
      createdAt: iso(c.createdAt),
    })),
    relations: listRelations(doc).map((r) => ({
      id: r.id,
      kind: r.kind,
      premises: r.premises,
      target: r.target,
      author: r.author,
      createdAt: iso(r.createdAt),
    })),
    sources: listSources(doc).map((s) => ({
      id: s.id,
      title: s.title,
      authors: s.authors,
      issued: s.issued,
      kind: s.kind,
      ...(s.url ? { url: s.url } : {}),
      text: sourceText(doc, s.id) ?? '',
      author: s.author,
      createdAt: iso(s.createdAt),
    })),
    passages: listPassages(doc).map((p) => ({
      id: p.id,
      source: p.source,
      selector: [
        { type: 'TextQuoteSelector', ...p.quote },
        { type: 'TextPositionSelector', ...p.position },
      ],
      author: p.author,
      createdAt: iso(p.createdAt),
    })),
    evidence: listEvidence(doc).map((e) => ({ ...e, createdAt: iso(e.createdAt) })),
  };
}

import type * as Y from 'yjs';
import { locateQuote, quoteSelector } from '../../anchoring.ts';
import { readMeta } from '../../meta.ts';
import { listClaimsWithContent } from '../../records/Claim.ts';
import { listEvidence } from '../../records/Evidence.ts';
import { resolvePassages, type PassageResolution } from '../../records/Passage.ts';
import { listRelations } from '../../records/Relation.ts';
import { listSources, sourceText } from '../../records/Source.ts';
import { MAP_JSON_FORMAT, MAP_JSON_VERSION, type MapJson } from './MapJson.ts';

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The map as JSON: only live records (what every query shows), in creation order, so the
 * same map always exports to the same bytes.
 */
export function exportMap(doc: Y.Doc): MapJson {
  const meta = readMeta(doc);
  const texts = new Map<string, string>();
  const text = (source: string): string => {
    let t = texts.get(source);
    if (t === undefined) {
      t = sourceText(doc, source) ?? '';
      texts.set(source, t);
    }
    return t;
  };
  return {
    format: MAP_JSON_FORMAT,
    version: MAP_JSON_VERSION,
    title: meta.title,
    createdAt: iso(meta.createdAt),
    claims: listClaimsWithContent(doc).map((c) => ({
      id: c.id,
      text: c.text,
      content: c.content,
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
      text: text(s.id),
      author: s.author,
      createdAt: iso(s.createdAt),
    })),
    passages: resolvePassages(doc).map((r) => {
      const p = r.passage;
      return {
        id: p.id,
        source: p.source,
        selector: selectors(r, text(p.source)),
        author: p.author,
        createdAt: iso(p.createdAt),
      };
    }),
    evidence: listEvidence(doc).map((e) => ({ ...e, createdAt: iso(e.createdAt) })),
  };
}

type PassageSelectors = MapJson['passages'][number]['selector'];

/**
 * The selectors that find the passage where it is now. An orphaned passage keeps the ones it
 * was made with. An anchored one keeps them too as long as they still lead to its current
 * words (so an untouched passage exports the same bytes, and a passage re-anchored by import
 * exports what was imported: map → JSON → map → JSON stays identical); once they would lead
 * elsewhere or nowhere (words inside it were edited, its context changed), the quote and
 * position of its current words are written instead, so importing finds it again.
 */
function selectors(r: PassageResolution, text: string): PassageSelectors {
  let { quote, position } = r.passage;
  if (r.status === 'anchored') {
    const found = locateQuote(text, quote, position);
    if (found?.start !== r.start || found.end !== r.end) {
      quote = quoteSelector(text, r);
      position = { start: r.start, end: r.end };
    }
  }
  return [
    { type: 'TextQuoteSelector', ...quote },
    { type: 'TextPositionSelector', ...position },
  ];
}

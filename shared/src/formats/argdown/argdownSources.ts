import { newId } from '../../ids.ts';
import { sourceMetaSchema } from '../../records/Source.ts';
import type { MapJson } from '../json/MapJson.ts';
import { ARGDOWN_DATA, type ArgdownQuote } from './argdownData.ts';
import { isRecord } from './modelReading.ts';

/**
 * The part of an Argdown file that carries Warrant's sources and quotes (written by
 * `mapToArgdown`): the front matter's `sources` (metadata and full text) and each statement's
 * `quotes` data, read back into sources, passages and citations so quotes come back anchored.
 */

/** Who and when every imported record is stamped with. */
export interface Stamp {
  readonly author: string;
  readonly time: string;
}

/** Records something the map has no place for, with its line when known. */
export type LeaveOut = (what: string, why: string, line?: number) => void;

/** A statement's `quotes` data, as found, for `citationsOf`. */
export interface StatementQuotes {
  claim: string;
  data: unknown;
  line?: number;
}

export interface ImportedSource {
  key: string;
  json: MapJson['sources'][number];
}

function readQuote(q: unknown): ArgdownQuote | undefined {
  if (!isRecord(q)) return undefined;
  const { source, exact, prefix = '', suffix = '', start, end, stance = 'support' } = q;
  if (typeof source !== 'string' || typeof exact !== 'string' || !exact) return undefined;
  if (typeof prefix !== 'string' || typeof suffix !== 'string') return undefined;
  if (!Number.isInteger(start) || !Number.isInteger(end)) return undefined;
  if (stance !== 'support' && stance !== 'rebut') return undefined;
  const s = start as number;
  const e = end as number;
  if (s < 0 || e <= s) return undefined;
  return { source, exact, prefix, suffix, start: s, end: e, stance };
}

export function readFrontMatter(
  front: unknown,
  stamp: Stamp,
  leaveOut: LeaveOut,
): { title?: string; sources: ImportedSource[] } {
  if (front === undefined || front === null) return { sources: [] };
  if (!isRecord(front)) {
    leaveOut('front matter', 'it is not a YAML mapping');
    return { sources: [] };
  }
  const out: { title?: string; sources: ImportedSource[] } = { sources: [] };
  for (const [key, value] of Object.entries(front)) {
    if (key === 'title' && typeof value === 'string' && value.trim()) out.title = value;
    else if (key === ARGDOWN_DATA.sources && Array.isArray(value)) {
      value.forEach((entry, i) => {
        const source = readSource(entry, i, stamp, leaveOut);
        if (source) out.sources.push(source);
      });
    } else {
      leaveOut(`front matter "${key}"`, 'Warrant maps have no such field');
    }
  }
  return out;
}

function readSource(
  entry: unknown,
  i: number,
  stamp: Stamp,
  leaveOut: LeaveOut,
): ImportedSource | undefined {
  const meta = sourceMetaSchema.safeParse(entry);
  const text = isRecord(entry) ? entry['text'] : undefined;
  if (!meta.success || typeof text !== 'string' || !text.trim() || !isRecord(entry)) {
    leaveOut(`front matter source ${i + 1}`, 'it needs a title and its text');
    return undefined;
  }
  const key = entry[ARGDOWN_DATA.sourceKey];
  const id = newId();
  return {
    key: typeof key === 'string' ? key : meta.data.title,
    json: { id, ...meta.data, text, author: stamp.author, createdAt: stamp.time },
  };
}

export function citationsOf(
  quotes: readonly StatementQuotes[],
  sources: ImportedSource[],
  stamp: Stamp,
  leaveOut: LeaveOut,
): Pick<MapJson, 'passages' | 'evidence'> {
  const byKey = new Map(sources.map((s) => [s.key, s.json.id]));
  const passages: MapJson['passages'] = [];
  const evidence: MapJson['evidence'] = [];
  const passageIds = new Map<string, string>();
  const cited = new Set<string>();
  for (const { claim, data, line } of quotes) {
    const list = Array.isArray(data) ? data : [data];
    for (const q of list) {
      const quote = readQuote(q);
      const source = quote ? byKey.get(quote.source) : undefined;
      if (!quote || source === undefined) {
        leaveOut(
          'a quote',
          quote
            ? `its source "${quote.source}" is not in the front matter`
            : 'it needs source, exact, start, end and stance',
          line,
        );
        continue;
      }
      const key = JSON.stringify([
        source,
        quote.exact,
        quote.prefix,
        quote.suffix,
        quote.start,
        quote.end,
      ]);
      let passage = passageIds.get(key);
      if (passage === undefined) {
        passage = newId();
        passageIds.set(key, passage);
        passages.push({
          id: passage,
          source,
          selector: [
            {
              type: 'TextQuoteSelector',
              exact: quote.exact,
              prefix: quote.prefix,
              suffix: quote.suffix,
            },
            { type: 'TextPositionSelector', start: quote.start, end: quote.end },
          ],
          author: stamp.author,
          createdAt: stamp.time,
        });
      }
      if (cited.has(`${claim}:${passage}`)) continue;
      cited.add(`${claim}:${passage}`);
      evidence.push({
        claim,
        passage,
        stance: quote.stance,
        author: stamp.author,
        createdAt: stamp.time,
      });
    }
  }
  return { passages, evidence };
}

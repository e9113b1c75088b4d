import { locateQuote, quoteSelector, type TextRange } from '../../anchoring.ts';
import type { MapJson } from '../json/MapJson.ts';
import { MAX_SOURCE_TEXT } from '../../records/Source.ts';
import type { AifDocument, AifNode } from './AifJson.ts';
import { readAnalysisHtml } from './analysisText.ts';
import { titleFrom, type FormatReport, type IdMinter } from './FormatReport.ts';
import { escapeRegExp, isoTime, short } from './aifValues.ts';

type Source = MapJson['sources'][number];
type Passage = MapJson['passages'][number];

/**
 * The analysed text as sources, and its locutions (L-nodes) as passages cited by the claims
 * their YA-nodes join them to: the passage half of `aifToMap`.
 */

export interface PassageContext {
  neighbours: (n: AifNode) => AifNode[];
  claimOf: Map<string, string>;
  ids: IdMinter;
  now: string;
  report: FormatReport;
}

/** Sources, passages and citations from the analysed text, L-nodes and YA-nodes. */
export function passagesOf(
  doc: AifDocument,
  ctx: PassageContext,
): { sources: Source[]; passages: Passage[]; evidence: MapJson['evidence'] } {
  const { report } = ctx;
  const sources: Source[] = [];
  const passages: Passage[] = [];
  const evidence: MapJson['evidence'] = [];
  const newSource = (title: string, text: string): Source | null => {
    if (!text.trim()) return null;
    if (text.length > MAX_SOURCE_TEXT) {
      report.leftOut.push({
        what: `the analysed text "${short(title)}"`,
        why: `it is longer than the ${MAX_SOURCE_TEXT} characters a source can hold`,
      });
      return null;
    }
    const source: Source = {
      id: ctx.ids.mint('src', String(sources.length + 1)),
      title: titleFrom(title, 'Analysed text', 500),
      authors: [],
      issued: '',
      kind: 'analysed text',
      text,
      author: '',
      createdAt: ctx.now,
    };
    sources.push(source);
    return source;
  };
  const passage = (source: Source, range: TextRange, key: string, createdAt: string): string => {
    const id = ctx.ids.mint('p', key);
    const q = quoteSelector(source.text, range);
    passages.push({
      id,
      source: source.id,
      selector: [
        { type: 'TextQuoteSelector', ...q },
        { type: 'TextPositionSelector', start: range.start, end: range.end },
      ],
      author: '',
      createdAt,
    });
    return id;
  };

  // Where each highlight is: in which source, at which offsets of that source's text.
  const highlights = new Map<string, { source: Source; range: TextRange }>();
  if (doc.html !== null) {
    const analysed = readAnalysisHtml(doc.html);
    const parts = analysed.sections.length
      ? analysed.sections.map((s) => ({ ...s, text: analysed.text.slice(s.start, s.end) }))
      : [
          {
            title: doc.title ?? '',
            start: 0,
            end: analysed.text.length,
            text: analysed.text.trimEnd(),
          },
        ];
    const placed = parts.map((p) => ({ ...p, source: newSource(p.title, p.text) }));
    for (const h of analysed.highlights) {
      const part = placed.find((p) => p.start <= h.start && h.end <= p.start + p.text.length);
      if (!part?.source || highlights.has(h.node)) {
        report.leftOut.push({
          what: `the highlight of node ${h.node} in the analysed text`,
          why: part?.source
            ? 'the node is highlighted twice; the first was kept'
            : 'it is outside the text kept as a source',
        });
        continue;
      }
      highlights.set(h.node, {
        source: part.source,
        range: { start: h.start - part.start, end: h.end - part.start },
      });
    }
  }

  const passageOf = new Map<string, string>();
  const locutions = doc.nodes.filter((n) => n.type === 'L');
  const unplaced: { node: AifNode; words: string }[] = [];
  for (const l of locutions) {
    const words = locutionWords(l, doc);
    const at = highlights.get(l.id) ?? findWords(sources, words);
    if (at)
      passageOf.set(l.id, passage(at.source, at.range, l.id, isoTime(l.timestamp) ?? ctx.now));
    else if (words.trim()) unplaced.push({ node: l, words });
    else report.leftOut.push({ what: `L-node ${l.id}`, why: 'it has no words' });
  }
  if (unplaced.length) {
    if (!sources.length) {
      // No analysed text: the locutions themselves, one paragraph each, are the source.
      let text = '';
      const ranges: TextRange[] = [];
      for (const { node, words } of unplaced) {
        if (text) text += '\n\n';
        const speaker = doc.speakers.get(node.id);
        if (speaker) text += `${speaker}: `;
        ranges.push({ start: text.length, end: text.length + words.length });
        text += words;
      }
      const transcript = newSource(doc.title ?? 'Transcript of the locutions', text);
      if (transcript) {
        report.notes.push(
          `The file has no analysed text: a source "${transcript.title}" was made of its ${unplaced.length} locutions, one paragraph each.`,
        );
        unplaced.forEach(({ node }, i) => {
          const range = ranges[i];
          if (range)
            passageOf.set(
              node.id,
              passage(transcript, range, node.id, isoTime(node.timestamp) ?? ctx.now),
            );
        });
      }
    } else {
      for (const { node } of unplaced) {
        report.leftOut.push({
          what: `L-node ${node.id} ("${short(node.text)}")`,
          why: 'its words are neither highlighted nor found in the analysed text',
        });
      }
    }
  }

  const cited = new Set<string>();
  const cite = (
    claim: string,
    passage: string,
    stance: 'support' | 'rebut',
    createdAt: string,
  ): void => {
    const key = `${claim}:${passage}`;
    if (cited.has(key)) return;
    cited.add(key);
    evidence.push({ claim, passage, stance, author: '', createdAt });
  };
  const yaTexts = new Map<string, number>();
  for (const ya of doc.nodes) {
    if (ya.type !== 'YA') continue;
    const near = ctx.neighbours(ya);
    const ls = near.filter((n) => n.type === 'L');
    const is = near.filter((n) => n.type === 'I');
    const cites = ls.flatMap((l) => {
      const p = passageOf.get(l.id);
      return p
        ? is.flatMap((i) => {
            const claim = ctx.claimOf.get(i.id);
            return claim ? [{ claim, passage: p }] : [];
          })
        : [];
    });
    if (!cites.length) {
      report.leftOut.push({
        what: `YA node ${ya.id}${ya.text ? ` ("${short(ya.text)}")` : ''}`,
        why:
          ls.length && is.length
            ? 'its locution has no passage'
            : 'it does not join a locution to a proposition (Warrant keeps only which passage a claim cites)',
      });
      continue;
    }
    const stance = /disagree/i.test(ya.text) ? 'rebut' : 'support';
    yaTexts.set(
      `${ya.text || 'YA'}" → ${stance}`,
      (yaTexts.get(`${ya.text || 'YA'}" → ${stance}`) ?? 0) + 1,
    );
    for (const c of cites) cite(c.claim, c.passage, stance, isoTime(ya.timestamp) ?? ctx.now);
  }
  // OVA without dialogue highlights the I-node's own words.
  for (const [node, at] of highlights) {
    const claim = ctx.claimOf.get(node);
    if (claim) cite(claim, passage(at.source, at.range, node, ctx.now), 'support', ctx.now);
    else if (!passageOf.has(node)) {
      report.leftOut.push({
        what: `the highlight of node ${node} in the analysed text`,
        why: 'no L-node or I-node has that id',
      });
    }
  }
  if (yaTexts.size) {
    report.notes.push(
      `Citations from YA nodes: ${[...yaTexts].map(([t, n]) => `${n} × "${t}`).join(', ')}.`,
    );
  }
  return { sources, passages, evidence };
}

/** An L-node's words: its text without the "Speaker : " that AIFdb puts before them. */
function locutionWords(l: AifNode, doc: AifDocument): string {
  const text = l.text.replace(/\r\n?/g, '\n');
  const speaker = doc.speakers.get(l.id);
  if (speaker) {
    const m = new RegExp(`^${escapeRegExp(speaker)} ?: ?`).exec(text);
    if (m) return text.slice(m[0].length);
  }
  if (doc.locutions.has(l.id)) {
    const m = /^[^:\n]{1,80}?\s:\s+/.exec(text);
    if (m) return text.slice(m[0].length);
  }
  return text;
}

function findWords(sources: Source[], words: string): { source: Source; range: TextRange } | null {
  if (!words.trim()) return null;
  for (const source of sources) {
    const found = locateQuote(source.text, { exact: words });
    if (found && found.quality !== 'fuzzy') return { source, range: found };
  }
  return null;
}

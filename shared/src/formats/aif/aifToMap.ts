import { locateQuote, quoteSelector, type TextRange } from '../../anchoring.ts';
import type { MapJson } from '../json/MapJson.ts';
import { MAX_SOURCE_TEXT } from '../../records/Source.ts';
import { plainToRich } from '../../richtext.ts';
import { parseAif, type AifDocument, type AifNode } from './AifJson.ts';
import { readAnalysisHtml } from './analysisText.ts';
import { emptyMap, IdMinter, reportFor, titleFrom, type FormatReport } from './FormatReport.ts';

export interface AifImportOptions {
  /** The map's title; otherwise the analysis's document title, or a generic one. */
  title?: string;
  /** The time given to records whose node has no timestamp (default: now). */
  now?: Date;
}

type Relation = MapJson['relations'][number];
type Source = MapJson['sources'][number];
type Passage = MapJson['passages'][number];

/** Why each AIF node type other than I, L, RA, CA and YA is left out. */
const UNMAPPED: Record<string, string> = {
  MA: 'a rephrase (MA) has no counterpart in Warrant: both claims are imported, unconnected',
  TA: 'a transition (TA) is dialogue structure between locutions, which Warrant does not keep',
  PA: 'a preference (PA) has no counterpart in Warrant',
};

/**
 * Reads an AIF file (AIFdb JSON, an OVA2-style or OVA3 saved analysis) into a map in
 * Warrant's JSON form:
 *
 * - each I-node is a claim;
 * - each RA is one support relation: its premises are the I-nodes with edges into it (several
 *   make a linked reason), its target the node it points to;
 * - each CA is a rebuttal of the I-node it points to, or an undercut of the RA or CA it
 *   points to;
 * - each L-node is a passage: the words its highlight covers in the analysed text (OVA's
 *   `analysis.txt` / `text.txt`, read as plain text; sources are that text), found there by
 *   its words, or, in files with no text, the L-node's words in a transcript built from
 *   all the locutions. A YA joining an L-node and an I-node makes the claim cite the passage
 *   (a "Disagreeing" YA cites it against the claim, any other in support);
 * - MA, TA, PA and other nodes, and anything malformed (dangling edges, duplicate ids,
 *   self-relations, undercut cycles), are listed in the report's `leftOut` and skipped.
 *
 * Throws `FormatError` when the text is not JSON or not AIF at all.
 */
export function aifToMap(
  text: string,
  options: AifImportOptions = {},
): { map: MapJson; report: FormatReport } {
  const report: FormatReport = { claims: 0, relations: 0, passages: 0, leftOut: [], notes: [] };
  const doc = parseAif(text, report);
  const now = (options.now ?? new Date()).toISOString();
  const map = emptyMap(titleFrom(options.title ?? doc.title ?? '', 'Imported AIF analysis'), now);
  const ids = new IdMinter();
  const time = (node: AifNode): string => isoTime(node.timestamp) ?? now;
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const into = new Map<string, AifNode[]>();
  const from = new Map<string, AifNode[]>();
  for (const e of doc.edges) {
    const a = byId.get(e.from);
    const b = byId.get(e.to);
    if (!a || !b) continue;
    push(from, e.from, b);
    push(into, e.to, a);
  }
  const neighbours = (n: AifNode): AifNode[] => [
    ...(into.get(n.id) ?? []),
    ...(from.get(n.id) ?? []),
  ];

  const claimOf = new Map<string, string>();
  for (const n of doc.nodes) {
    if (n.type !== 'I') continue;
    const id = ids.mint('n', n.id);
    claimOf.set(n.id, id);
    const plain = n.text.replace(/\r\n?/g, '\n');
    map.claims.push({
      id,
      text: plain,
      content: plainToRich(plain),
      author: '',
      createdAt: time(n),
    });
  }

  map.relations = relationsOf(doc, { into, from, claimOf, ids, time, report });
  const placed = passagesOf(doc, { neighbours, claimOf, ids, now, report });
  map.sources = placed.sources;
  map.passages = placed.passages;
  map.evidence = placed.evidence;

  const unmapped = new Map<string, number>();
  for (const n of doc.nodes) {
    if (['I', 'L', 'RA', 'CA', 'YA'].includes(n.type)) continue;
    unmapped.set(n.type, (unmapped.get(n.type) ?? 0) + 1);
    report.leftOut.push({
      what: `${n.type} node ${n.id}${n.text ? ` ("${short(n.text)}")` : ''}`,
      why: UNMAPPED[n.type] ?? `Warrant has no counterpart for AIF nodes of type ${n.type}`,
    });
  }
  const schemes = new Map<string, number>();
  for (const n of doc.nodes) {
    const name = n.text.trim();
    if (
      (n.type === 'RA' || n.type === 'CA') &&
      name &&
      !/^Default (Inference|Conflict)$/i.test(name)
    )
      schemes.set(name, (schemes.get(name) ?? 0) + 1);
  }
  if (schemes.size) {
    report.notes.push(
      `Argument schemes are not kept (a relation is only support or rebuttal): ${[...schemes].map(([s, n]) => `${n} × "${s}"`).join(', ')}.`,
    );
  }
  if (doc.hasLayout)
    report.notes.push('Node positions (x, y) are not imported: Warrant lays out maps itself.');
  if (unmapped.size) {
    report.notes.push(
      `Left out: ${[...unmapped].map(([type, n]) => `${n} ${type} node${n > 1 ? 's' : ''}`).join(', ')}.`,
    );
  }
  return { map, report: reportFor(map, report.leftOut, report.notes) };
}

interface RelationContext {
  into: Map<string, AifNode[]>;
  from: Map<string, AifNode[]>;
  claimOf: Map<string, string>;
  ids: IdMinter;
  time: (n: AifNode) => string;
  report: FormatReport;
}

/** RA and CA nodes as relations; undercuts only of relations that are themselves kept. */
function relationsOf(doc: AifDocument, ctx: RelationContext): Relation[] {
  const { report } = ctx;
  const candidates = new Map<
    string,
    { node: AifNode; relation: Relation; targetNode: string | null }
  >();
  for (const n of doc.nodes) {
    if (n.type !== 'RA' && n.type !== 'CA') continue;
    const what = `${n.type} node ${n.id}`;
    const kind = n.type === 'RA' ? 'support' : 'rebut';
    const targets = (ctx.from.get(n.id) ?? []).filter((t) => ['I', 'RA', 'CA'].includes(t.type));
    const target = targets[0];
    if (!target || targets.length > 1) {
      report.leftOut.push({
        what,
        why: target
          ? `it points to ${targets.length} nodes (${targets.map((t) => t.id).join(', ')}); a reason has one conclusion`
          : 'it points to no claim or relation',
      });
      continue;
    }
    if (target.type !== 'I' && kind === 'support') {
      report.leftOut.push({
        what,
        why: `it supports ${target.type} node ${target.id}, an inference; in Warrant only a rebuttal can target a relation`,
      });
      continue;
    }
    const premises: string[] = [];
    for (const p of ctx.into.get(n.id) ?? []) {
      const claim = ctx.claimOf.get(p.id);
      if (!claim) {
        if (!['RA', 'CA', 'MA', 'PA', 'TA', 'YA'].includes(p.type))
          report.leftOut.push({
            what: `the edge from ${p.type} node ${p.id} into ${what}`,
            why: 'only I-nodes can be premises',
          });
      } else if (p.id === target.id) {
        report.leftOut.push({
          what: `I-node ${p.id} as a premise of ${what}`,
          why: 'it is also the conclusion: a claim cannot be a reason for itself',
        });
      } else premises.push(claim);
    }
    if (!premises.length) {
      report.leftOut.push({ what, why: 'no I-node points into it, so it has no premise' });
      continue;
    }
    const id = ctx.ids.mint('n', n.id);
    const claim = ctx.claimOf.get(target.id);
    candidates.set(n.id, {
      node: n,
      relation: {
        id,
        kind,
        premises,
        target: claim ? { claim } : { relation: '' },
        author: '',
        createdAt: ctx.time(n),
      },
      targetNode: claim ? null : target.id,
    });
  }
  // An undercut stands if the relation it targets stands; following targets never loops
  // in a valid map, so a loop (CA → CA → … → the first) leaves out every relation in it.
  const state = new Map<string, 'ok' | 'out' | 'visiting'>();
  const resolve = (aifId: string): boolean => {
    const known = state.get(aifId);
    if (known === 'ok') return true;
    if (known === 'out') return false;
    const c = candidates.get(aifId);
    if (!c) return false;
    if (known === 'visiting') {
      state.set(aifId, 'out');
      report.leftOut.push({
        what: `${c.node.type} node ${aifId}`,
        why: 'it is in a cycle of conflicts that attack each other as inferences',
      });
      return false;
    }
    if (c.targetNode === null) {
      state.set(aifId, 'ok');
      return true;
    }
    state.set(aifId, 'visiting');
    const ok = resolve(c.targetNode);
    const target = candidates.get(c.targetNode);
    if (ok && target) {
      c.relation.target = { relation: target.relation.id };
      state.set(aifId, 'ok');
      return true;
    }
    if (state.get(aifId) === 'visiting') {
      report.leftOut.push({
        what: `${c.node.type} node ${aifId}`,
        why: `the relation it attacks (node ${c.targetNode}) was left out`,
      });
    }
    state.set(aifId, 'out');
    return false;
  };
  const out: Relation[] = [];
  for (const [aifId, c] of candidates) if (resolve(aifId)) out.push(c.relation);
  return out;
}

interface PassageContext {
  neighbours: (n: AifNode) => AifNode[];
  claimOf: Map<string, string>;
  ids: IdMinter;
  now: string;
  report: FormatReport;
}

/** Sources, passages and citations from the analysed text, L-nodes and YA-nodes. */
function passagesOf(
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

/** AIFdb writes "2016-05-12 14:23:01" (UTC); OVA writes ISO 8601. */
function isoTime(ts: string | null): string | null {
  if (!ts) return null;
  const ms = Date.parse(/^\d{4}-\d\d-\d\d \d/.test(ts) ? `${ts.replace(' ', 'T')}Z` : ts);
  if (!Number.isFinite(ms)) return null;
  const iso = new Date(ms).toISOString();
  return /^\d{4}-/.test(iso) ? iso : null;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function short(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

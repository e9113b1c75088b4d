import type { MapJson } from '../json/MapJson.ts';
import { plainToRich } from '../../richtext.ts';
import { parseAif, type AifDocument, type AifNode } from './AifJson.ts';
import { passagesOf } from './aifPassages.ts';
import { isoTime, push, short } from './aifValues.ts';
import { emptyMap, IdMinter, reportFor, titleFrom, type FormatReport } from './FormatReport.ts';

export interface AifImportOptions {
  /** The map's title; otherwise the analysis's document title, or a generic one. */
  title?: string;
  /** The time given to records whose node has no timestamp (default: now). */
  now?: Date;
}

type Relation = MapJson['relations'][number];

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

import { FormatError, type FormatReport } from './FormatReport.ts';

/**
 * AIF as JSON, in the three layouts found in the wild, read into one shape:
 *
 * - **AIFdb**: `{ nodes: [{ nodeID, text, type, timestamp }], edges: [{ edgeID, fromID, toID }],
 *   locutions: [{ nodeID, personID, … }], participants? }`;
 * - **OVA2-style saved analyses**: the same plus `x`/`y` on nodes, `participants`,
 *   `schemefulfillments` and `analysis: { txt, documentTitle, … }`, the analysed text as HTML;
 * - **OVA3 / xAIF**: `{ AIF: { nodes, edges, locutions, participants, schemefulfillments },
 *   OVA: { nodes: [{ nodeID, x, y }], … }, text: { txt } | "…" }`.
 *
 * Ids may be numbers or strings, even within one file (`7` and `"7"` are one node); layout
 * (`x`, `y`, numbers or strings) is not read: a Warrant map has no coordinates.
 */
export interface AifNode {
  id: string;
  text: string;
  /** `I`, `L`, `RA`, `CA`, `MA`, `TA`, `YA`, `PA`… as written. */
  type: string;
  timestamp: string | null;
}

export interface AifEdge {
  from: string;
  to: string;
}

export interface AifDocument {
  nodes: AifNode[];
  edges: AifEdge[];
  /** Participant name by L-node id, from `locutions` and `participants`. */
  speakers: Map<string, string>;
  /** L-nodes listed in `locutions`. */
  locutions: Set<string>;
  /** The analysed text as HTML, if the file has one. */
  html: string | null;
  title: string | null;
  /** Whether the file places its nodes (OVA's `x`/`y`), which Warrant does not keep. */
  hasLayout: boolean;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** An AIF id as a string: numbers and strings alike; anything else is no id. */
export function aifId(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && v.trim()) return v.trim();
  return null;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Parses the text of an AIF file. Throws `FormatError` if it is not JSON or has no AIF nodes;
 * skips (and reports) nodes and edges that are malformed, duplicated or dangling.
 */
export function parseAif(text: string, report: FormatReport): AifDocument {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new FormatError(
      `This file is not JSON (${e instanceof Error ? e.message : String(e)}), so it cannot be an AIF or OVA analysis. Export the analysis from AIFdb or OVA as JSON and try again.`,
    );
  }
  if (!isObject(json)) throw notAif('it is not a JSON object');
  const aif = isObject(json['AIF']) ? json['AIF'] : json;
  const rawNodes = aif['nodes'];
  if (!Array.isArray(rawNodes)) throw notAif('it has no "nodes" list');
  const rawEdges = aif['edges'] ?? [];
  if (!Array.isArray(rawEdges)) throw notAif('its "edges" is not a list');

  const nodes: AifNode[] = [];
  const ids = new Set<string>();
  rawNodes.forEach((n: unknown, i) => {
    const id = isObject(n) ? aifId(n['nodeID']) : null;
    const type = isObject(n) ? str(n['type'])?.trim() : null;
    if (!isObject(n) || id === null || !type) {
      report.leftOut.push({ what: `nodes[${i}]`, why: 'a node needs a nodeID and a type' });
      return;
    }
    if (ids.has(id)) {
      report.leftOut.push({
        what: `node ${id} (nodes[${i}])`,
        why: 'another node has the same nodeID; the first one was kept',
      });
      return;
    }
    ids.add(id);
    nodes.push({ id, type, text: str(n['text']) ?? '', timestamp: str(n['timestamp']) });
  });
  if (rawNodes.length && !nodes.length) throw notAif('none of its nodes has a nodeID and a type');

  const edges: AifEdge[] = [];
  const seen = new Set<string>();
  rawEdges.forEach((e: unknown, i) => {
    const from = isObject(e) ? aifId(e['fromID']) : null;
    const to = isObject(e) ? aifId(e['toID']) : null;
    const what = `edge ${isObject(e) ? (aifId(e['edgeID']) ?? `edges[${i}]`) : `edges[${i}]`}`;
    if (from === null || to === null) {
      report.leftOut.push({ what, why: 'an edge needs a fromID and a toID' });
    } else if (!ids.has(from) || !ids.has(to)) {
      report.leftOut.push({
        what: `${what} (${from} → ${to})`,
        why: `it points to node ${ids.has(from) ? to : from}, which is not in the file`,
      });
    } else if (from === to) {
      report.leftOut.push({ what: `${what} (${from} → ${to})`, why: 'it joins a node to itself' });
    } else if (!seen.has(`${from}\u0000${to}`)) {
      seen.add(`${from}\u0000${to}`);
      edges.push({ from, to });
    }
  });

  const names = new Map<string, string>();
  const participants = aif['participants'] ?? json['participants'];
  if (Array.isArray(participants)) {
    for (const p of participants) {
      const id = isObject(p) ? aifId(p['participantID']) : null;
      if (!isObject(p) || id === null) continue;
      const name = [str(p['firstname']), str(p['surname'])].filter(Boolean).join(' ').trim();
      if (name) names.set(id, name);
    }
  }
  const speakers = new Map<string, string>();
  const locutions = new Set<string>();
  const rawLocutions = aif['locutions'] ?? json['locutions'];
  if (Array.isArray(rawLocutions)) {
    for (const l of rawLocutions) {
      const id = isObject(l) ? aifId(l['nodeID']) : null;
      if (!isObject(l) || id === null) continue;
      locutions.add(id);
      const person = aifId(l['personID']);
      const name = person === null ? undefined : names.get(person);
      if (name) speakers.set(id, name);
    }
  }

  const analysis = isObject(json['analysis']) ? json['analysis'] : null;
  const textField = json['text'];
  const html =
    str(analysis?.['txt']) ??
    (isObject(textField) ? str(textField['txt']) : str(textField)) ??
    null;
  const title =
    str(analysis?.['documentTitle']) ?? (isObject(textField) ? str(textField['title']) : null);
  const hasLayout =
    isObject(json['OVA']) || rawNodes.some((n: unknown) => isObject(n) && ('x' in n || 'y' in n));
  return { nodes, edges, speakers, locutions, html: html?.trim() ? html : null, title, hasLayout };
}

function notAif(why: string): FormatError {
  return new FormatError(
    `This is not an AIF or OVA analysis: ${why}. AIF files list their "nodes" (with nodeID, text and type) and "edges" (with fromID and toID); export the analysis from AIFdb or OVA as JSON and try again.`,
  );
}

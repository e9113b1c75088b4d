import { locateQuote } from '../../anchoring.ts';
import type { MapJson } from '../json/MapJson.ts';
import { writeAnalysisHtml, type Mark } from './analysisText.ts';

/** AIFdb's scheme ids for the default inference and conflict, which OVA also assigns. */
const DEFAULT_INFERENCE = '72';
const DEFAULT_CONFLICT = '71';

interface AifNodeOut {
  nodeID: string;
  text: string;
  type: string;
  timestamp: string;
}

/**
 * Writes a map as AIF JSON in AIFdb's layout, which AIFdb accepts and OVA3 opens (OVA3 takes
 * a file whose nodes have no `x`/`y` as AIFdb JSON, so none are written), plus OVA2's
 * `analysis` with the sources as highlighted HTML, which Warrant's importer reads back.
 *
 * - claims → I-nodes (plain text: formatting is lost);
 * - support → an RA ("Default Inference"), rebuttal → a CA ("Default Conflict"), with an edge
 *   from each premise and one to the target, an undercut's target being the RA or CA;
 * - passages → L-nodes with the passage's words (`"Speaker : words"`, the speaker being a
 *   participant per source) and a locution; each citation → a YA from the L-node to the
 *   claim's I-node, "Asserting" in support, "Disagreeing" against;
 * - sources → `analysis.txt`: each source's text in a `div` titled with its title, each
 *   passage's words in `<span class="highlighted" id="nodeN">`, N its L-node.
 *
 * Node and edge ids are numeric strings from 1. Source metadata other than the title,
 * authors of records and rich formatting have no place in AIF and are not written.
 */
export function mapToAif(map: MapJson): string {
  const nodes: AifNodeOut[] = [];
  const edges: { edgeID: string; fromID: string; toID: string; formEdgeID: null }[] = [];
  const schemefulfillments: { nodeID: string; schemeID: string }[] = [];
  const locutions: {
    nodeID: string;
    personID: string;
    timestamp: string;
    start: null;
    end: null;
    source: null;
  }[] = [];
  const participants: { participantID: string; firstname: string; surname: string }[] = [];
  const node = (type: string, text: string, createdAt: string): string => {
    const nodeID = String(nodes.length + 1);
    nodes.push({ nodeID, text, type, timestamp: aifTime(createdAt) });
    return nodeID;
  };
  const edge = (fromID: string, toID: string): void => {
    edges.push({ edgeID: String(edges.length + 1), fromID, toID, formEdgeID: null });
  };

  const claimNode = new Map<string, string>();
  for (const c of map.claims) claimNode.set(c.id, node('I', c.text, c.createdAt));
  const relationNode = new Map<string, string>();
  for (const r of map.relations) {
    const support = r.kind === 'support';
    const id = node(
      support ? 'RA' : 'CA',
      support ? 'Default Inference' : 'Default Conflict',
      r.createdAt,
    );
    relationNode.set(r.id, id);
    schemefulfillments.push({
      nodeID: id,
      schemeID: support ? DEFAULT_INFERENCE : DEFAULT_CONFLICT,
    });
  }
  for (const r of map.relations) {
    const id = relationNode.get(r.id);
    const target =
      'claim' in r.target ? claimNode.get(r.target.claim) : relationNode.get(r.target.relation);
    if (!id || !target) continue;
    for (const p of r.premises) {
      const premise = claimNode.get(p);
      if (premise) edge(premise, id);
    }
    edge(id, target);
  }

  const sections: { title: string; text: string; marks: Mark[] }[] = [];
  const sectionOf = new Map<string, { speaker: string; participant: string; marks: Mark[] }>();
  map.sources.forEach((s, i) => {
    const marks: Mark[] = [];
    const participantID = String(i + 1);
    const [firstname, surname] = speakerName(s.authors[0], i);
    participants.push({ participantID, firstname, surname });
    sections.push({ title: s.title, text: s.text, marks });
    const speaker = [firstname, surname].filter(Boolean).join(' ');
    sectionOf.set(s.id, { speaker, participant: participantID, marks });
  });
  const texts = new Map(map.sources.map((s) => [s.id, s.text]));
  const passageNode = new Map<string, string>();
  for (const p of map.passages) {
    const section = sectionOf.get(p.source);
    if (!section) continue;
    const [quote, position] = p.selector;
    const text = texts.get(p.source) ?? '';
    const found = locateQuote(text, quote, position);
    const words = found ? text.slice(found.start, found.end) : quote.exact;
    const id = node('L', `${section.speaker} : ${words}`, p.createdAt);
    passageNode.set(p.id, id);
    locutions.push({
      nodeID: id,
      personID: section.participant,
      timestamp: aifTime(p.createdAt),
      start: null,
      end: null,
      source: null,
    });
    if (found) section.marks.push({ node: id, start: found.start, end: found.end });
  }
  for (const e of map.evidence) {
    const l = passageNode.get(e.passage);
    const i = claimNode.get(e.claim);
    if (!l || !i) continue;
    const ya = node('YA', e.stance === 'support' ? 'Asserting' : 'Disagreeing', e.createdAt);
    edge(l, ya);
    edge(ya, i);
  }
  const { html } = writeAnalysisHtml(sections);
  return JSON.stringify(
    {
      nodes,
      edges,
      locutions,
      participants,
      schemefulfillments,
      analysis: { txt: html, documentTitle: map.title, annotatorName: 'Warrant' },
    },
    null,
    2,
  );
}

/** A participant's names for a source: its first author's, or "Source N". */
function speakerName(author: string | undefined, index: number): [string, string] {
  const name = author?.replace(/\s+/g, ' ').replace(/:/g, '').trim();
  if (!name) return ['Source', String(index + 1)];
  const space = name.lastIndexOf(' ');
  return space > 0 ? [name.slice(0, space), name.slice(space + 1)] : [name, ''];
}

/** AIFdb's timestamp form, "2026-11-23 18:00:00" (UTC). */
function aifTime(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, '');
}

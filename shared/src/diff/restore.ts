import type * as Y from 'yjs';
import { readMeta, setTitle } from '../meta.ts';
import {
  claimContent,
  insertClaim,
  listClaims,
  removeClaim,
  setClaimText,
} from '../records/Claim.ts';
import { insertEvidence, listEvidence, uncite } from '../records/Evidence.ts';
import {
  getPassage,
  insertPassageBySelector,
  livePassages,
  removePassage,
} from '../records/Passage.ts';
import {
  addPremise,
  disconnect,
  insertRelation,
  listRelations,
  removePremise,
  setRelationKind,
  type RelationView,
} from '../records/Relation.ts';
import {
  editSourceText,
  getSource,
  insertSource,
  listSources,
  removeSource,
  sourceText,
  updateSource,
} from '../records/Source.ts';
import { collections, transact } from '../schema.ts';

/**
 * Makes the map in `doc` hold what the map in `version` holds (title, claims with their rich
 * text, reasons, sources, passages, citations), as ordinary forward edits through the
 * model's typed operations, in one transaction of the caller's origin.
 *
 * Why forward edits and not "load the old snapshot": Yjs history only moves forward. A
 * restore made of edits is synced, stored and undone like any other change, and whatever
 * someone did offline meanwhile merges on top of it instead of being rewound. Records come
 * back under their old ids, so comments, links and the diff still find them.
 */
export function restoreVersion(doc: Y.Doc, version: Y.Doc): void {
  transact(doc, () => {
    const title = readMeta(version).title;
    if (title && readMeta(doc).title !== title) setTitle(doc, title);
    restoreSources(doc, version);
    restoreClaims(doc, version);
    restoreRelations(doc, version);
    restoreEvidence(doc, version);
  });
}

function restoreSources(doc: Y.Doc, version: Y.Doc): void {
  const wanted = new Map(listSources(version).map((s) => [s.id, s]));
  for (const s of listSources(doc)) if (!wanted.has(s.id)) removeSource(doc, s.id);
  for (const [id, s] of wanted) {
    const text = sourceText(version, id) ?? '';
    const meta = {
      title: s.title,
      authors: s.authors,
      issued: s.issued,
      kind: s.kind,
      ...(s.url ? { url: s.url } : {}),
    };
    const mine = getSource(doc, id);
    if (!mine) {
      insertSource(doc, id, { ...meta, body: text, author: s.author, createdAt: s.createdAt });
      continue;
    }
    const same =
      mine.title === s.title &&
      mine.issued === s.issued &&
      mine.kind === s.kind &&
      mine.url === s.url &&
      mine.authors.join('\n') === s.authors.join('\n');
    if (!same) updateSource(doc, id, { ...meta, url: s.url });
    const current = sourceText(doc, id) ?? '';
    if (current !== text) editSourceText(doc, id, minimalEdit(current, text));
  }
  const passages = livePassages(version);
  for (const id of livePassages(doc).keys()) if (!passages.has(id)) removePassage(doc, id);
  for (const [id, p] of passages) {
    if (getPassage(doc, id)) continue;
    // A passage record that outlived its source's removal (made at the same moment) is not
    // live; it is replaced by the version's.
    collections(doc).passages.delete(id);
    const { id: _id, ...rest } = p;
    void _id;
    insertPassageBySelector(doc, id, rest);
  }
}

function restoreClaims(doc: Y.Doc, version: Y.Doc): void {
  const wanted = new Map(listClaims(version).map((c) => [c.id, c]));
  const have = new Set<string>();
  for (const c of listClaims(doc)) {
    if (!wanted.has(c.id)) removeClaim(doc, c.id);
    else have.add(c.id);
  }
  for (const [id, c] of wanted) {
    const content = claimContent(version, id);
    if (!content) continue;
    if (!have.has(id)) {
      insertClaim(doc, id, { content, author: c.author, createdAt: c.createdAt });
    } else if (JSON.stringify(claimContent(doc, id)) !== JSON.stringify(content)) {
      setClaimText(doc, id, content);
    }
  }
}

function restoreRelations(doc: Y.Doc, version: Y.Doc): void {
  const wanted = new Map(listRelations(version).map((r) => [r.id, r]));
  for (const r of listRelations(doc)) {
    // An earlier disconnect's cascade may already have taken it (an undercut of it).
    if (!wanted.has(r.id) && collections(doc).relations.has(r.id)) disconnect(doc, r.id);
  }
  const have = new Map(listRelations(doc).map((r) => [r.id, r]));
  const inserted = new Set<string>();
  const insert = (r: RelationView): void => {
    if (inserted.has(r.id)) return;
    inserted.add(r.id);
    if ('relation' in r.target && !have.has(r.target.relation)) {
      const target = wanted.get(r.target.relation);
      if (target) insert(target);
    }
    const mine = have.get(r.id);
    if (!mine) {
      // A record that is not live (its target went in a concurrent removal) gives way.
      collections(doc).relations.delete(r.id);
      insertRelation(doc, r.id, {
        kind: r.kind,
        premises: r.premises,
        target: r.target,
        author: r.author,
        createdAt: r.createdAt,
      });
      have.set(r.id, r);
      return;
    }
    if (mine.kind !== r.kind) setRelationKind(doc, r.id, r.kind);
    for (const p of r.premises) if (!mine.premises.includes(p)) addPremise(doc, r.id, p);
    for (const p of mine.premises) if (!r.premises.includes(p)) removePremise(doc, r.id, p);
  };
  for (const r of wanted.values()) insert(r);
}

function restoreEvidence(doc: Y.Doc, version: Y.Doc): void {
  const key = (e: { claim: string; passage: string; stance: string }) =>
    `${e.claim}:${e.passage}:${e.stance}`;
  const wanted = new Map(listEvidence(version).map((e) => [key(e), e]));
  const have = new Set<string>();
  for (const e of listEvidence(doc)) {
    if (wanted.has(key(e))) have.add(key(e));
    else uncite(doc, e.claim, e.passage);
  }
  for (const [k, e] of wanted) if (!have.has(k)) insertEvidence(doc, e);
}

/** The one splice that turns `from` into `to`: their common start and end are kept. */
function minimalEdit(
  from: string,
  to: string,
): { index: number; deleteCount: number; insert: string } {
  let start = 0;
  while (start < from.length && start < to.length && from[start] === to[start]) start++;
  let end = 0;
  while (
    end < from.length - start &&
    end < to.length - start &&
    from[from.length - 1 - end] === to[to.length - 1 - end]
  ) {
    end++;
  }
  return {
    index: start,
    deleteCount: from.length - start - end,
    insert: to.slice(start, to.length - end),
  };
}

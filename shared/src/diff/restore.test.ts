import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMap, readMeta, setTitle } from '../meta.ts';
import { addClaim, claimContent, getClaim, removeClaim, setClaimText } from '../records/Claim.ts';
import { cite, listEvidence, uncite } from '../records/Evidence.ts';
import { addPassage } from '../records/Passage.ts';
import { connect, disconnect, listRelations, setRelationKind } from '../records/Relation.ts';
import { addSource, removeSource } from '../records/Source.ts';
import { diffMaps, isEmptyDiff } from './diffMaps.ts';
import { restoreVersion } from './restore.ts';

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

function saved() {
  const doc = new Y.Doc();
  createMap(doc, { title: 'Energy' });
  const root = addClaim(doc, {
    content: {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'Nuclear is cheap', marks: [{ type: 'bold' }] }],
        },
      ],
    },
  });
  const pro = addClaim(doc, { text: 'Fuel costs little' });
  const reason = connect(doc, { kind: 'support', premises: [pro], target: { claim: root } });
  const undercut = connect(doc, { kind: 'rebut', premises: [pro], target: { relation: reason } });
  const source = addSource(doc, {
    title: 'Report',
    authors: ['A'],
    issued: '2020',
    kind: 'report',
    body: 'Fuel is a small share of the cost.',
  });
  const passage = addPassage(doc, { source, exact: 'Fuel is a small share' });
  cite(doc, { claim: pro, passage, stance: 'support' });
  return { doc, version: copyOf(doc), root, pro, reason, undercut, source, passage };
}

describe('restoreVersion', () => {
  it('brings back removed claims, reasons, sources and citations under their old ids', () => {
    const s = saved();
    removeClaim(s.doc, s.pro); // takes both reasons and the citation with it
    removeSource(s.doc, s.source);
    setTitle(s.doc, 'Renamed');
    restoreVersion(s.doc, s.version);
    expect(isEmptyDiff(diffMaps(s.version, s.doc))).toBe(true);
    expect(getClaim(s.doc, s.pro)?.text).toBe('Fuel costs little');
    expect(listRelations(s.doc).map((r) => r.id)).toEqual([s.reason, s.undercut]);
    expect(listEvidence(s.doc)).toHaveLength(1);
    expect(readMeta(s.doc).title).toBe('Energy');
  });

  it('removes what was added since and restores text with its formatting', () => {
    const s = saved();
    const extra = addClaim(s.doc, { text: 'Later claim' });
    connect(s.doc, { kind: 'rebut', premises: [extra], target: { claim: s.root } });
    setClaimText(s.doc, s.root, 'Nuclear is dear');
    setRelationKind(s.doc, s.reason, 'rebut');
    uncite(s.doc, s.pro, s.passage);
    disconnect(s.doc, s.undercut);
    restoreVersion(s.doc, s.version);
    expect(isEmptyDiff(diffMaps(s.version, s.doc))).toBe(true);
    expect(getClaim(s.doc, extra)).toBeUndefined();
    expect(claimContent(s.doc, s.root)).toEqual(claimContent(s.version, s.root));
  });

  it('is one forward edit that merges with work made meanwhile elsewhere', () => {
    const s = saved();
    const offline = copyOf(s.doc);
    setClaimText(s.doc, s.pro, 'Fuel is expensive');
    // Someone offline adds a claim while the restore happens.
    const theirs = addClaim(offline, { text: 'Made offline' });
    let updates = 0;
    s.doc.on('update', () => updates++);
    restoreVersion(s.doc, s.version);
    expect(updates).toBe(1);
    Y.applyUpdate(s.doc, Y.encodeStateAsUpdate(offline));
    expect(getClaim(s.doc, theirs)?.text).toBe('Made offline');
    expect(getClaim(s.doc, s.pro)?.text).toBe('Fuel costs little');
  });

  it('does nothing to a map that already holds the version', () => {
    const s = saved();
    let updates = 0;
    s.doc.on('update', () => updates++);
    restoreVersion(s.doc, s.version);
    expect(updates).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { exportMap } from '../formats/json/exportMap.ts';
import { importMap } from '../formats/json/importMap.ts';
import { createMap } from '../meta.ts';
import { mapStats } from '../queries.ts';
import { addClaim } from '../records/Claim.ts';
import { cite } from '../records/Evidence.ts';
import { addPassage } from '../records/Passage.ts';
import { connect } from '../records/Relation.ts';
import { addSource } from '../records/Source.ts';
import { resolveThread, startThread } from '../review/Thread.ts';
import { copyFigures } from './figures.ts';
import { sourcesOnly } from './template.ts';

function seminarMap(): { doc: Y.Doc; claims: string[] } {
  const doc = new Y.Doc();
  createMap(doc, { title: 'Seminar', createdAt: 0 });
  const source = addSource(doc, {
    title: 'Charter',
    authors: [],
    issued: '1945',
    kind: 'treaty',
    body: 'Nothing shall impair the inherent right of self-defence.',
  });
  const passage = addPassage(doc, { source, exact: 'inherent right of self-defence' });
  const a = addClaim(doc, { text: 'Self-defence is lawful.' });
  const b = addClaim(doc, { text: 'The Charter says so.' });
  const c = addClaim(doc, { text: 'Nobody backs this.' });
  connect(doc, { kind: 'support', premises: [b], target: { claim: a } });
  cite(doc, { claim: b, passage, stance: 'support' });
  return { doc, claims: [a, b, c] };
}

describe('sourcesOnly', () => {
  it('keeps the title, sources and passages and drops claims, reasons and citations', () => {
    const { doc } = seminarMap();
    const { doc: template } = importMap(sourcesOnly(exportMap(doc)));
    expect(mapStats(template)).toEqual({
      claims: 0,
      relations: 0,
      sources: 1,
      passages: 1,
      evidence: 0,
    });
    expect(exportMap(template).title).toBe('Seminar');
  });
});

describe('copyFigures', () => {
  it('counts claims, reasons, citations, unsupported claims and open threads', () => {
    const { doc, claims } = seminarMap();
    const review = new Y.Doc();
    const ann = { id: 'ann', name: 'Ann' };
    startThread(review, { target: { kind: 'claim', id: claims[0]! }, author: ann, text: 'Why?' });
    const done = startThread(review, {
      target: { kind: 'claim', id: claims[1]! },
      author: ann,
      text: 'Fine.',
    });
    resolveThread(review, done.thread, ann);
    // Claim c supports nothing and nothing supports it; a and b are supported.
    expect(copyFigures(doc, review)).toEqual({
      claims: 3,
      reasons: 1,
      citations: 1,
      unsupported: 1,
      openComments: 1,
    });
    expect(copyFigures(doc, null).openComments).toBe(0);
  });
});

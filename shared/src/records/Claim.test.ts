import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ModelError } from '../errors.ts';
import { collections } from '../schema.ts';
import { createMap } from '../meta.ts';
import { cite, listEvidence } from './Evidence.ts';
import { addPassage } from './Passage.ts';
import { connect, listRelations } from './Relation.ts';
import { addSource } from './Source.ts';
import {
  addClaim,
  claimContent,
  claimFragment,
  getClaim,
  listClaims,
  listClaimStamps,
  removeClaim,
  setClaimText,
} from './Claim.ts';

function newMap(): Y.Doc {
  const doc = new Y.Doc();
  createMap(doc, { title: 'Test map' });
  return doc;
}

describe('claims', () => {
  it('stores text as a Tiptap-shaped fragment of paragraphs', () => {
    const doc = newMap();
    const id = addClaim(doc, { text: 'NATO is a defensive alliance.\nSecond line', author: 'ann' });
    const fragment = claimFragment(doc, id);
    expect(fragment).toBeInstanceOf(Y.XmlFragment);
    expect(fragment?.toArray().map((n) => (n as Y.XmlElement).nodeName)).toEqual([
      'paragraph',
      'paragraph',
    ]);
    expect(getClaim(doc, id)).toMatchObject({
      id,
      text: 'NATO is a defensive alliance.\nSecond line',
      author: 'ann',
    });
  });

  it('keeps marks and links in rich text', () => {
    const doc = newMap();
    const content = {
      type: 'doc' as const,
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'NATO ', marks: [{ type: 'bold' }] },
            {
              type: 'text',
              text: 'Art. 5',
              marks: [{ type: 'link', attrs: { href: 'https://www.nato.int/' } }],
            },
          ],
        },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }],
            },
          ],
        },
      ],
    };
    const id = addClaim(doc, { content });
    expect(claimContent(doc, id)).toEqual(content);
    expect(getClaim(doc, id)?.text).toBe('NATO Art. 5\none');
  });

  it('refuses links that could run script', () => {
    const doc = newMap();
    const content = {
      type: 'doc' as const,
      content: [
        {
          type: 'paragraph',
          content: [
            {
              type: 'text',
              text: 'x',
              marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }],
            },
          ],
        },
      ],
    };
    expect(() => addClaim(doc, { content })).toThrow(ModelError);
    expect(listClaims(doc)).toEqual([]);
  });

  it('replaces text wholesale with setClaimText', () => {
    const doc = newMap();
    const id = addClaim(doc, { text: 'old' });
    setClaimText(doc, id, 'new text');
    expect(getClaim(doc, id)?.text).toBe('new text');
  });

  it('mints distinct unguessable ids', () => {
    const doc = newMap();
    const ids = Array.from({ length: 200 }, () => addClaim(doc, { text: 'x' }));
    expect(new Set(ids).size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('removes a claim with its relations and citations in one transaction', () => {
    const doc = newMap();
    const root = addClaim(doc, { text: 'root' });
    const a = addClaim(doc, { text: 'a' });
    const b = addClaim(doc, { text: 'b' });
    const linked = connect(doc, { kind: 'support', premises: [a, b], target: { claim: root } });
    connect(doc, { kind: 'rebut', premises: [b], target: { claim: a } });
    connect(doc, { kind: 'rebut', premises: [a], target: { relation: linked } });
    const source = addSource(doc, {
      title: 'S',
      authors: [],
      issued: '2023',
      kind: 'op-ed',
      body: 'Some words here.',
    });
    const passage = addPassage(doc, { source, exact: 'words' });
    cite(doc, { claim: a, passage, stance: 'support' });

    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    removeClaim(doc, a);
    expect(transactions).toBe(1);
    expect(
      listClaims(doc)
        .map((c) => c.id)
        .sort(),
    ).toEqual([root, b].sort());
    // The linked reason keeps its other premise; the rebuttal of `a` and the undercut go.
    expect(listRelations(doc)).toMatchObject([{ id: linked, premises: [b] }]);
    expect(listEvidence(doc)).toEqual([]);
  });

  it('lists claims in creation order without their text, as listClaims orders them', () => {
    // Two replicas writing at once: records arrive out of creation order, some at one time.
    const a = newMap();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (let i = 0; i < 20; i++) {
      addClaim(i % 2 ? a : b, { text: `claim ${i}` });
      if (i % 5 === 0) addClaim(a, { text: `more ${i}` });
    }
    let n = 0;
    collections(a).claims.forEach((record) => record.set('createdAt', 1000 - (n++ % 3)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(listClaimStamps(a)).toEqual(
      listClaims(a).map(({ id, createdAt }) => ({ id, createdAt })),
    );
    expect(listClaimStamps(a)).toHaveLength(24);
  });

  it('says which claim is unknown', () => {
    const doc = newMap();
    expect(() => removeClaim(doc, 'nope')).toThrow(/There is no claim nope/);
  });
});

describe('foreign writers', () => {
  it('ignores entries that are not records instead of crashing', () => {
    const doc = newMap();
    const id = addClaim(doc, { text: 'real' });
    // Anyone who can write can put any value under any key; Yjs cannot refuse it.
    doc.getMap('claims').set('junk', 'not a record');
    doc.getMap('relations').set('junk', 42);
    doc.getMap('sources').set('junk', { title: 'fake' });
    doc.getMap('passages').set('junk', 'x');
    doc.getMap('evidence').set('junk', null);
    expect(listClaims(doc).map((c) => c.id)).toEqual([id]);
    expect(getClaim(doc, 'junk')).toBeUndefined();
    expect(listRelations(doc)).toEqual([]);
    expect(listEvidence(doc)).toEqual([]);
    expect(() => removeClaim(doc, id)).not.toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { exportMap } from '../json/exportMap.ts';
import { createMap } from '../../meta.ts';
import { addClaim, setClaimText } from '../../records/Claim.ts';
import { cite } from '../../records/Evidence.ts';
import { addPassage } from '../../records/Passage.ts';
import { connect } from '../../records/Relation.ts';
import { addSource } from '../../records/Source.ts';
import { inlineMarkdown, mapToMarkdown } from './exportMarkdown.ts';

function debate(): Y.Doc {
  const doc = new Y.Doc();
  createMap(doc, { title: 'Is NATO a collective security mechanism?' });
  const thesis = addClaim(doc, { text: 'NATO is an archetypal collective security mechanism' });
  const defensive = addClaim(doc, { text: 'NATO is a defensive alliance' });
  const a = addClaim(doc, { text: 'Article 5 binds members to each other' });
  const b = addClaim(doc, { text: 'Collective security binds members against any aggressor' });
  const under = addClaim(doc, { text: 'Binding is not enough to make it *collective*' });
  connect(doc, { kind: 'rebut', premises: [defensive], target: { claim: thesis } });
  const linked = connect(doc, { kind: 'support', premises: [a, b], target: { claim: thesis } });
  connect(doc, { kind: 'rebut', premises: [under], target: { relation: linked } });
  const source = addSource(doc, {
    title: 'The importance of collective security',
    authors: ['Siddiqi'],
    issued: '2022',
    kind: 'op-ed',
    body: 'NATO was founded as a defensive alliance against the Soviet Union.',
  });
  const passage = addPassage(doc, { source, exact: 'a defensive alliance' });
  cite(doc, { claim: defensive, passage, stance: 'support' });
  return doc;
}

describe('the Markdown outline', () => {
  it('nests reasons under their conclusion, linked premises together, undercuts on the inference', () => {
    const md = mapToMarkdown(exportMap(debate()));
    expect(md).toBe(
      [
        '# Is NATO a collective security mechanism?',
        '',
        '## NATO is an archetypal collective security mechanism',
        '',
        '- **Con:** NATO is a defensive alliance',
        '  > “a defensive alliance”',
        '  > — The importance of collective security (supports)',
        '- **Pro** (these premises together):',
        '  - Article 5 binds members to each other',
        '  - Collective security binds members against any aggressor',
        '  - **Con (against the inference):** Binding is not enough to make it \\*collective\\*',
        '',
        '## Sources',
        '',
        '- Siddiqi: *The importance of collective security* (2022)',
        '',
      ].join('\n'),
    );
  });

  it('shows a claim that recurs on its own branch once, marked, instead of looping', () => {
    const doc = new Y.Doc();
    createMap(doc, { title: 'Circle' });
    const a = addClaim(doc, { text: 'A' });
    const b = addClaim(doc, { text: 'B' });
    connect(doc, { kind: 'support', premises: [b], target: { claim: a } });
    connect(doc, { kind: 'support', premises: [a], target: { claim: b } });
    const md = mapToMarkdown(exportMap(doc));
    expect(md).toContain('## A');
    expect(md).toContain('- **Pro:** B');
    expect(md).toContain('- **Pro:** A *(cycle: already above on this branch)*');
    expect(md.split('\n').length).toBeLessThan(12);
  });

  it('keeps marks and links, and escapes what Markdown would read as formatting', () => {
    const doc = new Y.Doc();
    createMap(doc, { title: 'Marks' });
    const id = addClaim(doc);
    setClaimText(doc, id, {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'See ' },
            {
              type: 'text',
              text: 'the treaty',
              marks: [{ type: 'link', attrs: { href: 'https://nato.int/a_5' } }],
            },
            { type: 'text', text: ', ' },
            { type: 'text', text: 'strongly', marks: [{ type: 'bold' }] },
            { type: 'text', text: ' [sic] 2*3' },
          ],
        },
      ],
    });
    const [claim] = exportMap(doc).claims;
    expect(inlineMarkdown(claim!.content.content)).toBe(
      'See [the treaty](<https://nato.int/a_5>), **strongly** \\[sic\\] 2\\*3',
    );
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fragmentText, readRich, readRichAndText, writeRich, type RichDoc } from './richtext.ts';

const docs: RichDoc[] = [
  { type: 'doc', content: [] },
  { type: 'doc', content: [{ type: 'paragraph' }] },
  {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'bold ', marks: [{ type: 'bold' }] },
          {
            type: 'text',
            text: 'link',
            marks: [{ type: 'link', attrs: { href: 'https://x.org' } }],
          },
          { type: 'hardBreak' },
          { type: 'text', text: 'after the break' },
        ],
      },
      {
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }],
          },
          {
            type: 'listItem',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: 'two' }] }],
          },
        ],
      },
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Heading' }] },
    ],
  },
];

describe('readRichAndText', () => {
  it('reads the same rich text and plain text as readRich and fragmentText', () => {
    for (const doc of docs) {
      const fragment = new Y.Doc().getXmlFragment('t');
      writeRich(fragment, doc);
      const both = readRichAndText(fragment);
      expect(both.content).toEqual(readRich(fragment));
      expect(both.text).toBe(fragmentText(fragment));
    }
  });

  it('keeps the lines of a list as fragmentText does', () => {
    const fragment = new Y.Doc().getXmlFragment('t');
    writeRich(fragment, docs[2]!);
    expect(readRichAndText(fragment).text).toBe('bold link\nafter the break\none\ntwo\nHeading');
  });
});

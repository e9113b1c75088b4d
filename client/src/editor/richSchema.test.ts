import { getSchema } from '@tiptap/core';
import { HEADING_LEVELS, isSafeHref, RICH_MARK_TYPES, RICH_NODE_TYPES } from '@warrant/shared';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { claimEditorExtensions } from './claimEditorExtensions.ts';
import { StaticRichText } from './StaticRichText.tsx';

const noop = () => undefined;

describe('the rich-text schema shared with the model', () => {
  it('is exactly what the claim editor can hold', () => {
    const schema = getSchema(
      claimEditorExtensions({
        fragment: new Y.Doc().getXmlFragment('t'),
        provider: { awareness: null } as unknown as WebsocketProvider,
        me: { name: 'ann', color: '#000' } as never,
        keys: { undo: noop, redo: noop, done: noop },
      }),
    );
    const nodes = Object.keys(schema.nodes).filter((n) => n !== 'doc' && n !== 'text');
    expect(nodes.sort()).toEqual([...RICH_NODE_TYPES].sort());
    expect(Object.keys(schema.marks).sort()).toEqual([...RICH_MARK_TYPES].sort());
  });

  it('renders links the shared check allows, and no others', () => {
    expect(isSafeHref('https://example.org')).toBe(true);
    expect(isSafeHref('MAILTO:a@b.c')).toBe(true);
    expect(isSafeHref('javascript:alert(1)')).toBe(false);
    expect(isSafeHref(' https://x')).toBe(false);
    const html = (href: string) =>
      renderToStaticMarkup(
        createElement(StaticRichText, {
          placeholder: '',
          doc: {
            type: 'doc',
            content: [
              {
                type: 'paragraph',
                content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href } }] }],
              },
            ],
          },
        }),
      );
    expect(html('https://example.org')).toContain('<a href="https://example.org"');
    expect(html('javascript:alert(1)')).not.toContain('<a');
  });

  it('shows headings only at the shared levels', () => {
    const html = (level: number) =>
      renderToStaticMarkup(
        createElement(StaticRichText, {
          placeholder: '',
          doc: {
            type: 'doc',
            content: [
              { type: 'heading', attrs: { level }, content: [{ type: 'text', text: 'h' }] },
            ],
          },
        }),
      );
    expect(html(HEADING_LEVELS[1])).toContain(`<h${HEADING_LEVELS[1]}>`);
    expect(html(1)).toContain(`<h${HEADING_LEVELS[0]}>`);
  });
});

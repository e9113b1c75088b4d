import type { RichDoc, RichMark, RichNode } from '@warrant/shared';
import { HEADING_LEVELS, isSafeHref } from '@warrant/shared';
import { createElement, type ReactNode } from 'react';

const BLOCK_TAGS: Record<string, string> = {
  paragraph: 'p',
  bulletList: 'ul',
  orderedList: 'ol',
  listItem: 'li',
  blockquote: 'blockquote',
  horizontalRule: 'hr',
  hardBreak: 'br',
};

const MARK_TAGS: Record<string, string> = {
  bold: 'strong',
  italic: 'em',
  strike: 's',
  code: 'code',
  underline: 'u',
};

/**
 * Wraps text in its marks as ProseMirror does: the first mark outermost (marks come in the
 * schema's order), so a card shows the same elements as the editor did.
 */
function renderMarks(text: string, marks: RichMark[] | undefined, key: number): ReactNode {
  return createElement('span', { key }, withMarks(text, marks));
}

/** Text inside the elements of its marks (bold, a safe link…), the first mark outermost. */
export function withMarks(text: string, marks: RichMark[] | undefined): ReactNode {
  let out: ReactNode = text;
  for (const mark of [...(marks ?? [])].reverse()) {
    if (mark.type === 'link') {
      const href = mark.attrs?.href;
      out = isSafeHref(href)
        ? createElement('a', { href, target: '_blank', rel: 'noopener noreferrer nofollow' }, out)
        : out;
    } else {
      const tag = MARK_TAGS[mark.type];
      if (tag) out = createElement(tag, null, out);
    }
  }
  return out;
}

function renderNode(node: RichNode, key: number): ReactNode {
  if (node.type === 'text') return renderMarks(node.text ?? '', node.marks, key);
  const children = node.content?.map(renderNode);
  if (node.type === 'heading') {
    // As Tiptap does: a level the schema does not offer shows as its first level.
    const given = Number(node.attrs?.level);
    const level = (HEADING_LEVELS as readonly number[]).includes(given) ? given : HEADING_LEVELS[0];
    return createElement(`h${level}`, { key }, children);
  }
  if (node.type === 'codeBlock')
    return createElement('pre', { key }, createElement('code', null, children));
  const tag = BLOCK_TAGS[node.type] ?? 'div';
  if (tag === 'hr' || tag === 'br') return createElement(tag, { key });
  return createElement(tag, { key }, children);
}

/** True when a claim has no visible text yet. */
export function isBlank(doc: RichDoc | undefined): boolean {
  const walk = (nodes: RichNode[] | undefined): boolean =>
    (nodes ?? []).every((n) => (n.type === 'text' ? !n.text?.trim() : walk(n.content)));
  return !doc || walk(doc.content);
}

/** Plain text of a claim, for accessible names and previews. */
export function plainText(doc: RichDoc | undefined): string {
  const parts: string[] = [];
  const walk = (nodes: RichNode[] | undefined) => {
    for (const n of nodes ?? []) {
      if (n.type === 'text') parts.push(n.text ?? '');
      else {
        walk(n.content);
        if (n.type === 'paragraph' || n.type === 'heading') parts.push(' ');
      }
    }
  };
  walk(doc?.content);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/**
 * A claim's rich text as plain DOM: no editor, no Yjs binding. Cards show this; a Tiptap
 * editor mounts only on the claim someone is editing.
 */
export function StaticRichText({
  doc,
  placeholder,
}: {
  doc: RichDoc | undefined;
  placeholder: string;
}) {
  if (isBlank(doc)) return <p className="placeholder">{placeholder}</p>;
  return <>{doc?.content.map(renderNode)}</>;
}

import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import type { ReactNode } from 'react';
import { Icon } from '../ui/Icon.tsx';
import { toggleLink } from './link.ts';

/** Bold, italic, link and lists for the claim being edited; keyboard users have the shortcuts. */
export function FormatBar({ editor }: { editor: Editor }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      link: e.isActive('link'),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
    }),
  });
  const chain = () => editor.chain().focus();
  const button = (
    label: string,
    text: ReactNode,
    active: boolean,
    onClick: () => void,
    keys?: string,
  ) => (
    <button
      type="button"
      aria-label={label}
      aria-pressed={active}
      title={keys ? `${label} (${keys})` : label}
      className={active ? 'fmt active' : 'fmt'}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
    >
      {text}
    </button>
  );
  return (
    <div className="format-bar" role="toolbar" aria-label="Text formatting">
      {button('Bold', <strong>B</strong>, state.bold, () => chain().toggleBold().run(), 'Ctrl+B')}
      {button('Italic', <em>I</em>, state.italic, () => chain().toggleItalic().run(), 'Ctrl+I')}
      {button('Link', <Icon name="link" />, state.link, () => toggleLink(editor), 'Ctrl+K')}
      {button('Bulleted list', '•', state.bullet, () => chain().toggleBulletList().run())}
      {button('Numbered list', '1.', state.ordered, () => chain().toggleOrderedList().run())}
    </div>
  );
}

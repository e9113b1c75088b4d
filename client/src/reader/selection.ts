import { trimSpan } from '@warrant/shared';

/**
 * Between the reader's DOM and offsets into the source text. Each paragraph element carries
 * its source offset (`data-start`) and shows the source's characters one for one (line
 * breaks as spaces; the stance signs are CSS content, not text), so a DOM position's offset
 * is the paragraph's start plus the length of the text before it in the paragraph.
 */

export interface Span {
  start: number;
  end: number;
}

const PARAGRAPH = 'p[data-start]';

/** The source offset of a DOM position inside one of `root`'s paragraphs, else null. */
export function offsetOf(root: HTMLElement, node: Node, offset: number): number | null {
  const element = node instanceof Element ? node : node.parentElement;
  const para = element?.closest<HTMLElement>(PARAGRAPH);
  if (!para || !root.contains(para)) return null;
  const before = document.createRange();
  before.setStart(para, 0);
  before.setEnd(node, offset);
  return Number(para.dataset.start) + before.toString().length;
}

/**
 * Where the document's selection lies in the source: a span (surrounding whitespace left
 * out), `'collapsed'` for a caret or click inside the text, or null when the selection is
 * elsewhere (a button, a card on the map), which leaves a previous pick alone.
 */
export function selectedSpan(root: HTMLElement, text: string): Span | 'collapsed' | null {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0) return null;
  const range = sel.getRangeAt(0);
  const start = offsetOf(root, range.startContainer, range.startOffset);
  const end = offsetOf(root, range.endContainer, range.endOffset);
  if (start === null || end === null) return null;
  if (sel.isCollapsed || end <= start) return 'collapsed';
  const [s, e] = trimSpan(text, start, end);
  return e > s ? { start: s, end: e } : 'collapsed';
}

/** The DOM position of source offset `at` inside `root`'s paragraphs (null if not shown). */
function positionOf(root: HTMLElement, at: number): { node: Node; offset: number } | null {
  for (const para of root.querySelectorAll<HTMLElement>(PARAGRAPH)) {
    const start = Number(para.dataset.start);
    const length = para.textContent?.length ?? 0;
    if (at < start || at > start + length) continue;
    let left = at - start;
    const walker = document.createTreeWalker(para, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const n = node.nodeValue?.length ?? 0;
      if (left <= n) return { node, offset: left };
      left -= n;
    }
  }
  return null;
}

/** Selects `span` of the source in the reader, as if the person had dragged over it. */
export function selectSpan(root: HTMLElement, span: Span): boolean {
  const from = positionOf(root, span.start);
  const to = positionOf(root, span.end);
  const sel = window.getSelection();
  if (!from || !to || !sel) return false;
  const range = document.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  sel.removeAllRanges();
  sel.addRange(range);
  return true;
}

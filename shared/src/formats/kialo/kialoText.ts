import { isSafeHref, type RichNode } from '../../richtext.ts';

/**
 * The text of one Kialo claim line: Kialo writes Markdown, escaping punctuation it would
 * otherwise read as markup with a backslash (`\(`, `\)`, `\*`, `\-`…) and links as
 * `[text](url)`. Escapes become the plain character; links become link marks when their
 * target is one a claim may hold (`isSafeHref`), and plain text otherwise. Other Markdown
 * (`**bold**`, `*italic*`) is kept as written.
 */
export interface KialoLine {
  plain: string;
  nodes: RichNode[];
  /** Links whose target a claim may not hold, kept as their text. */
  unsafeLinks: string[];
}

const ESCAPABLE = /[!-/:-@[-`{-~]/;

export function readKialoLine(line: string): KialoLine {
  const nodes: RichNode[] = [];
  const unsafeLinks: string[] = [];
  let plain = '';
  let buf = '';
  const flush = (): void => {
    if (buf) nodes.push({ type: 'text', text: buf });
    plain += buf;
    buf = '';
  };
  let i = 0;
  while (i < line.length) {
    const c = line[i] ?? '';
    const next = line[i + 1];
    if (c === '\\' && next !== undefined && ESCAPABLE.test(next)) {
      buf += next;
      i += 2;
      continue;
    }
    if (c === '[') {
      const link = readLink(line, i);
      if (link) {
        flush();
        if (link.text && isSafeHref(link.href)) {
          nodes.push({
            type: 'text',
            text: link.text,
            marks: [{ type: 'link', attrs: { href: link.href } }],
          });
          plain += link.text;
        } else {
          if (link.text) unsafeLinks.push(link.href);
          buf = link.text;
          flush();
        }
        i = link.end;
        continue;
      }
    }
    buf += c;
    i++;
  }
  flush();
  return { plain, nodes, unsafeLinks };
}

/** `[text](url)` starting at `start`, with escapes in both parts and balanced parentheses in the url. */
function readLink(s: string, start: number): { text: string; href: string; end: number } | null {
  let text = '';
  let i = start + 1;
  let depth = 0;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length && ESCAPABLE.test(s[i + 1] ?? '')) {
      text += s[++i];
    } else if (c === '[') {
      depth++;
      text += c;
    } else if (c === ']') {
      if (depth === 0) break;
      depth--;
      text += c;
    } else text += c;
  }
  if (s[i] !== ']' || s[i + 1] !== '(') return null;
  let href = '';
  depth = 0;
  for (i += 2; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length && ESCAPABLE.test(s[i + 1] ?? '')) {
      href += s[++i];
    } else if (c === '(') {
      depth++;
      href += c;
    } else if (c === ')') {
      if (depth === 0) return { text, href: href.trim(), end: i + 1 };
      depth--;
      href += c;
    } else if (c === ' ' || c === '\t') {
      return null;
    } else href += c;
  }
  return null;
}

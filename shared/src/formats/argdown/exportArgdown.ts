import type { MapJson } from '../json/MapJson.ts';
import type { RichNode } from '../../richtext.ts';
import { ARGDOWN_DATA, type ArgdownQuote } from './argdownData.ts';

type Claim = MapJson['claims'][number];
type Relation = MapJson['relations'][number];

/**
 * Writes a map (its JSON form) as Argdown that `argdownToMap` reads back into the same map
 * and that any Argdown tool reads as the same argument (see shared/FORMATS.md, "Argdown"):
 *
 * - every claim is a titled statement `[Title]: text`, titles unique and made from the text;
 *   its citations are statement data `{quotes: [...]}` and the sources they quote are in the
 *   front matter with their full text, so a round trip rebuilds and re-anchors them;
 * - a reason with one premise is a relation under its premise (`+>` support, `->` rebut);
 * - a linked reason (two or more premises), and any reason that is undercut, is an argument
 *   with a premise–conclusion structure, so `_>` has an inference to attack. A rebuttal's
 *   conclusion is a stand-in statement marked `{negates: true}` that attacks the target:
 *   Argdown has no negation, and the marker lets import fold it back into one rebuttal;
 * - an undercut is `_>` from its premise (or its stand-in) to the undercut reason's argument.
 */
export function mapToArgdown(map: MapJson): string {
  const titles = new UniqueNames();
  const claimText = new Map(map.claims.map((c) => [c.id, c.text]));
  const claimTitle = new Map<string, string>();
  for (const c of map.claims) claimTitle.set(c.id, titles.take(titleFrom(c.text)));
  const undercut = new Set<string>();
  for (const r of map.relations) if ('relation' in r.target) undercut.add(r.target.relation);
  const asArgument = (r: Relation): boolean => r.premises.length > 1 || undercut.has(r.id);
  const argumentTitle = new Map<string, string>();
  const argumentNames = new UniqueNames();
  for (const r of map.relations) {
    if (asArgument(r))
      argumentTitle.set(r.id, argumentNames.take(`Reason ${argumentTitle.size + 1}`));
  }

  const out: string[] = [frontMatter(map)];
  const quotes = quotesByClaim(map);
  for (const c of map.claims) {
    const data = quotes.get(c.id);
    const title = claimTitle.get(c.id) ?? '';
    const suffix = data ? ` ${yamlFlow({ [ARGDOWN_DATA.quotes]: data })}` : '';
    out.push(`[${title}]: ${inline(c)}${suffix}`);
  }

  const ref = (id: string): string => `[${claimTitle.get(id) ?? id}]`;
  const targetRef = (r: Relation): string =>
    'claim' in r.target
      ? ref(r.target.claim)
      : `<${argumentTitle.get(r.target.relation) ?? r.target.relation}>`;
  const arrow = (r: Relation): string =>
    'relation' in r.target ? '_>' : r.kind === 'support' ? '+>' : '->';
  for (const r of map.relations) {
    const title = argumentTitle.get(r.id);
    if (title === undefined) {
      out.push(`${ref(r.premises[0] ?? '')}\n  ${arrow(r)} ${targetRef(r)}`);
      continue;
    }
    const lines = [`<${title}>`, ''];
    r.premises.forEach((p, i) => lines.push(`(${i + 1}) ${ref(p)}`));
    lines.push('----');
    const n = r.premises.length + 1;
    if (r.kind === 'support' && 'claim' in r.target) {
      lines.push(`(${n}) ${ref(r.target.claim)}`);
    } else {
      const what =
        'claim' in r.target
          ? `Not: ${plainLine(claimText.get(r.target.claim) ?? '')}`
          : `Not: the inference of ${argumentTitle.get(r.target.relation) ?? ''}`;
      const negation = titles.take(`Not ${title}`);
      const marker = yamlFlow({ [ARGDOWN_DATA.negates]: true });
      lines.push(
        `(${n}) [${negation}]: ${escapeText(what)} ${marker}`,
        `  ${arrow(r)} ${targetRef(r)}`,
      );
    }
    out.push(lines.join('\n'));
  }
  return `${out.join('\n\n')}\n`;
}

/** Front matter: the map's title and the full text and metadata of every cited source. */
function frontMatter(map: MapJson): string {
  const sources = sourceKeys(map);
  const entries = map.sources.map((s) => ({
    [ARGDOWN_DATA.sourceKey]: sources.get(s.id) ?? s.title,
    title: s.title,
    authors: s.authors,
    issued: s.issued,
    kind: s.kind,
    ...(s.url ? { url: s.url } : {}),
    text: s.text,
  }));
  const lines = ['===', `title: ${yamlString(map.title)}`];
  if (entries.length) lines.push(`${ARGDOWN_DATA.sources}: ${yamlFlow(entries)}`);
  lines.push('===');
  return lines.join('\n');
}

/** Each source's key in the file: its title, numbered when two sources share one. */
function sourceKeys(map: MapJson): Map<string, string> {
  const names = new UniqueNames();
  return new Map(map.sources.map((s) => [s.id, names.take(s.title)]));
}

function quotesByClaim(map: MapJson): Map<string, ArgdownQuote[]> {
  const keys = sourceKeys(map);
  const passages = new Map(map.passages.map((p) => [p.id, p]));
  const out = new Map<string, ArgdownQuote[]>();
  for (const e of map.evidence) {
    const p = passages.get(e.passage);
    if (!p) continue;
    const [quote, position] = p.selector;
    const list = out.get(e.claim) ?? [];
    list.push({
      source: keys.get(p.source) ?? p.source,
      exact: quote.exact,
      prefix: quote.prefix,
      suffix: quote.suffix,
      start: position.start,
      end: position.end,
      stance: e.stance,
    });
    out.set(e.claim, list);
  }
  return out;
}

/** Names made unique by numbering repeats: "Title", "Title 2", "Title 3"... */
class UniqueNames {
  private readonly used = new Set<string>();
  /**
   * Per name, the number its next repeat starts counting from: every smaller one is taken
   * already (names are never given back), so a thousand claims titled alike stay linear.
   */
  private readonly nextNumber = new Map<string, number>();
  take(name: string): string {
    if (!this.used.has(name)) {
      this.used.add(name);
      return name;
    }
    let n = this.nextNumber.get(name) ?? 2;
    while (this.used.has(`${name} ${n}`)) n++;
    const candidate = `${name} ${n}`;
    this.used.add(candidate);
    this.nextNumber.set(name, n + 1);
    return candidate;
  }
}

/**
 * A statement title from a claim's words: the first six words, letters and digits only
 * (brackets, colons and the like would end the title or start other syntax), at most 40
 * characters.
 */
function titleFrom(text: string): string {
  const words = text
    .replace(/[^\p{L}\p{N}'’\s-]+/gu, ' ')
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  let title = '';
  for (const w of words.slice(0, 6)) {
    if (title && title.length + w.length + 1 > 40) break;
    title = title ? `${title} ${w}` : w.slice(0, 40);
  }
  return title || 'Claim';
}

/**
 * A claim's rich text as one line of Argdown: blocks are joined by a space (an Argdown
 * statement is one paragraph), bold and italic become `**…**` and `_…_`, links `[…](url)`;
 * other marks are dropped, their words kept.
 */
function inline(claim: Claim): string {
  const blocks: string[] = [];
  const walk = (nodes: RichNode[] | undefined): void => {
    let line = '';
    let hasInline = false;
    for (const node of nodes ?? []) {
      if (node.type === 'text') {
        hasInline = true;
        line += markText(node);
      } else if (node.type === 'hardBreak') {
        hasInline = true;
        line += ' ';
      } else walk(node.content);
    }
    if (hasInline && line.trim()) blocks.push(line.trim());
  };
  walk(claim.content.content);
  const text = blocks.join(' ');
  return text || escapeText(plainLine(claim.text)) || '…';
}

function markText(node: RichNode): string {
  const raw = node.text ?? '';
  // Marks cannot wrap surrounding spaces in Markdown-style syntax: keep those outside.
  const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(raw) ?? [];
  if (!core) return escapeText(plainLine(raw));
  let text = escapeText(plainLine(core));
  const marks = new Set((node.marks ?? []).map((m) => m.type));
  if (marks.has('italic')) text = `_${text}_`;
  if (marks.has('bold')) text = `**${text}**`;
  const link = node.marks?.find((m) => m.type === 'link');
  const href = link?.attrs?.['href'];
  if (typeof href === 'string' && !/[()\s]/.test(href)) text = `[${text}](${href})`;
  return `${plainLine(lead)}${text}${plainLine(trail)}`;
}

function plainLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/**
 * Backslash-escapes what Argdown would read as syntax inside a statement: brackets
 * (statement titles, links), angle brackets (arguments), `#` (tags), `@` (mentions), braces
 * (data), `*` and `_` (emphasis), and `.x.`/`:x:` pairs that are shortcodes.
 */
function escapeText(text: string): string {
  return text.replace(/[\\[\]<>#@{}*_]/g, '\\$&').replace(/([.:])(?=\S+?\1)/g, '\\$1');
}

/**
 * YAML in flow style, written as JSON (a subset of YAML). Braces, brackets and `=` inside
 * strings are written as `\u` escapes: Argdown's lexer ends a data block at a brace followed
 * by text, and front matter at the next `===`, before YAML ever sees the string.
 */
function yamlFlow(value: unknown): string {
  return JSON.stringify(value).replace(/"(?:[^"\\]|\\.)*"/g, (s) =>
    s.replace(/[{}[\]=]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
}

function yamlString(text: string): string {
  return yamlFlow(text);
}

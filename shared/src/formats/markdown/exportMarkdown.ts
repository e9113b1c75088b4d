import type { MapJson } from '../json/MapJson.ts';
import type { RichNode } from '../../richtext.ts';

type Claim = MapJson['claims'][number];
type Relation = MapJson['relations'][number];

/** Characters that would start Markdown formatting inside running text. */
const SPECIAL = /[\\`*_[\]<>|~]/g;

function escape(text: string): string {
  return text.replace(SPECIAL, (c) => `\\${c}`);
}

/**
 * A claim's rich text as one line of Markdown: marks become emphasis, code and links; block
 * structure (paragraphs, list items, headings) is joined with spaces, since a claim sits on
 * one outline line. Underline has no Markdown and is kept as plain text.
 */
export function inlineMarkdown(nodes: readonly RichNode[] | undefined): string {
  const blocks: string[] = [];
  const walk = (list: readonly RichNode[] | undefined, out: string[]): void => {
    for (const node of list ?? []) {
      if (node.type === 'text') {
        let text = escape(node.text ?? '');
        const marks = node.marks ?? [];
        if (marks.some((m) => m.type === 'code'))
          text = `\`${(node.text ?? '').replace(/`/g, "'")}\``;
        if (marks.some((m) => m.type === 'bold')) text = `**${text}**`;
        if (marks.some((m) => m.type === 'italic')) text = `*${text}*`;
        if (marks.some((m) => m.type === 'strike')) text = `~~${text}~~`;
        const link = marks.find((m) => m.type === 'link');
        const href = link?.attrs?.href;
        if (typeof href === 'string')
          text = `[${text}](<${href.replace(/[<>]/g, encodeURIComponent)}>)`;
        out.push(text);
      } else if (node.type === 'hardBreak') {
        out.push(' ');
      } else if (node.content) {
        const inner: string[] = [];
        walk(node.content, inner);
        const joined = inner.join('').trim();
        if (joined) blocks.push(joined);
      }
    }
  };
  const top: string[] = [];
  walk(nodes, top);
  if (top.length) blocks.push(top.join('').trim());
  return blocks.filter(Boolean).join(' ');
}

/**
 * The map as a Markdown outline, the way Kialo-style tools and a reader on paper see it:
 * the title, then each conclusion (a claim that is no reason's premise) with the reasons
 * for and against it nested below, each premise expanded in turn, every cited passage as a
 * block quote naming its source. A claim met again on its own branch (the map has a cycle)
 * is named and not expanded again; a claim shown elsewhere already is expanded once and
 * then referred to, so the outline stays finite and complete.
 */
export function mapToMarkdown(map: MapJson): string {
  const claims = new Map(map.claims.map((c) => [c.id, c]));
  const toClaim = new Map<string, Relation[]>();
  const toRelation = new Map<string, Relation[]>();
  const premises = new Set<string>();
  for (const r of map.relations) {
    const [index, key] =
      'claim' in r.target ? [toClaim, r.target.claim] : [toRelation, r.target.relation];
    const list = index.get(key);
    if (list) list.push(r);
    else index.set(key, [r]);
    for (const p of r.premises) premises.add(p);
  }
  const sources = new Map(map.sources.map((s) => [s.id, s]));
  const passages = new Map(map.passages.map((p) => [p.id, p]));
  const evidence = new Map<string, MapJson['evidence']>();
  for (const e of map.evidence) {
    const list = evidence.get(e.claim);
    if (list) list.push(e);
    else evidence.set(e.claim, [e]);
  }

  const lines: string[] = [`# ${escape(map.title)}`, ''];
  const expanded = new Set<string>();
  const text = (c: Claim) => inlineMarkdown(c.content.content) || escape(c.text) || '(empty claim)';

  const quotes = (claim: string, indent: string): void => {
    for (const e of evidence.get(claim) ?? []) {
      const passage = passages.get(e.passage);
      if (!passage) continue;
      const source = sources.get(passage.source);
      const exact = passage.selector[0].exact.replace(/\s+/g, ' ').trim();
      const stance = e.stance === 'support' ? 'supports' : 'rebuts';
      lines.push(`${indent}> “${escape(exact)}”`);
      lines.push(`${indent}> — ${escape(source?.title ?? 'a source')} (${stance})`);
    }
  };

  /** A claim's quotes and reasons, at `indent` (its own line is the caller's). */
  const claimBody = (id: string, indent: string, path: Set<string>): void => {
    const claim = claims.get(id);
    if (!claim) return;
    quotes(id, indent);
    if (path.has(id)) return;
    if (expanded.has(id) && (toClaim.get(id)?.length ?? 0) > 0) {
      lines.push(`${indent}- *(its reasons are shown above)*`);
      return;
    }
    expanded.add(id);
    // The branch's path grows and shrinks in place: copying it per claim is quadratic in depth.
    path.add(id);
    for (const r of toClaim.get(id) ?? []) reason(r, indent, path, false);
    path.delete(id);
  };

  const reason = (r: Relation, indent: string, path: Set<string>, undercut: boolean): void => {
    const label = undercut ? 'Con (against the inference)' : r.kind === 'support' ? 'Pro' : 'Con';
    const live = r.premises.flatMap((p) => claims.get(p) ?? []);
    const cycle = (p: Claim) => (path.has(p.id) ? ' *(cycle: already above on this branch)*' : '');
    const [only] = live;
    if (only && live.length === 1) {
      lines.push(`${indent}- **${label}:** ${text(only)}${cycle(only)}`);
      claimBody(only.id, indent + '  ', path);
    } else {
      lines.push(`${indent}- **${label}** (these premises together):`);
      for (const p of live) {
        lines.push(`${indent}  - ${text(p)}${cycle(p)}`);
        claimBody(p.id, indent + '    ', path);
      }
    }
    for (const u of toRelation.get(r.id) ?? []) reason(u, indent + '  ', path, true);
  };

  const roots = map.claims.filter((c) => !premises.has(c.id));
  // Claims only reachable through a cycle have no root above them: start from them too.
  const reached = new Set<string>();
  const reach = (id: string): void => {
    if (reached.has(id)) return;
    reached.add(id);
    for (const r of toClaim.get(id) ?? []) {
      r.premises.forEach(reach);
      for (const u of toRelation.get(r.id) ?? []) u.premises.forEach(reach);
    }
  };
  roots.forEach((c) => reach(c.id));
  const rootIds = new Set(roots.map((c) => c.id));
  const starts = [...roots, ...map.claims.filter((c) => !reached.has(c.id) && !rootIds.has(c.id))];
  for (const c of starts) {
    if (expanded.has(c.id)) continue;
    lines.push(`## ${text(c)}`, '');
    const before = lines.length;
    claimBody(c.id, '', new Set());
    // Quotes of a root come first, as its own lines; reasons follow as a list.
    if (lines.length > before) lines.push('');
  }

  const citedPassages = new Set(map.evidence.map((e) => e.passage));
  const citedSources = new Set(
    map.passages.filter((p) => citedPassages.has(p.id)).map((p) => p.source),
  );
  const cited = map.sources.filter((s) => citedSources.has(s.id));
  if (cited.length) {
    lines.push('## Sources', '');
    for (const s of cited) {
      const by = s.authors.length ? `${s.authors.join(', ')}: ` : '';
      const issued = s.issued ? ` (${s.issued})` : '';
      const link = s.url ? ` <${s.url}>` : '';
      lines.push(`- ${escape(by)}*${escape(s.title)}*${escape(issued)}${link}`);
    }
    lines.push('');
  }
  return (
    lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

import type {
  ArgdownInference,
  ArgdownRelation,
  ArgdownSection,
  ArgdownStatement,
} from './parseArgdown.ts';
import { isSafeHref, type RichDoc, type RichMark, type RichNode } from '../../richtext.ts';

/** Small readers of `@argdown/core`'s model, pure and stateless, for the importer. */

/** The statement that defines a class: the last one with text, or one marked `isCanonical`. */
export function canonical(members: ArgdownStatement[]): ArgdownStatement | undefined {
  let fallback: ArgdownStatement | undefined;
  for (let i = members.length - 1; i >= 0; i--) {
    const m = members[i];
    if (!m || m.isReference) continue;
    if (isRecord(m.data) && m.data['isCanonical']) return m;
    if (!fallback && m.text?.trim()) fallback = m;
  }
  return fallback;
}

/**
 * Argdown's inline formatting as rich text: bold, italic and links (`http(s)`/`mailto` only)
 * become marks; tags and mentions stay as the words they are written with.
 */
export function richFrom(statement: {
  text?: string;
  ranges?: ArgdownStatement['ranges'];
}): RichDoc {
  const raw = statement.text ?? '';
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  if (!text) return { type: 'doc', content: [{ type: 'paragraph' }] };
  const ranges = (statement.ranges ?? [])
    .map((r) => ({ ...r, start: r.start - lead, end: r.stop + 1 - lead }))
    .filter((r) => r.end > r.start && r.start >= 0 && r.end <= text.length);
  const cuts = new Set([0, text.length]);
  for (const r of ranges) cuts.add(r.start).add(r.end);
  const points = [...cuts].sort((a, b) => a - b);
  const nodes: RichNode[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] ?? 0;
    const end = points[i + 1] ?? 0;
    const marks: RichMark[] = [];
    for (const r of ranges) {
      if (r.start > start || r.end < end) continue;
      if (r.type === 'bold' || r.type === 'italic') marks.push({ type: r.type });
      else if (r.type === 'link' && isSafeHref(r.url))
        marks.push({ type: 'link', attrs: { href: r.url } });
    }
    const node: RichNode = { type: 'text', text: text.slice(start, end) };
    if (marks.length)
      node.marks = unique(marks.map((m) => JSON.stringify(m))).map(
        (m) => JSON.parse(m) as RichMark,
      );
    nodes.push(node);
  }
  return { type: 'doc', content: [{ type: 'paragraph', content: nodes }] };
}

export function plain(doc: RichDoc): string {
  return doc.content.map((p) => (p.content ?? []).map((n) => n.text ?? '').join('')).join('\n');
}

export function flatten(sections: ArgdownSection[]): ArgdownSection[] {
  return sections.flatMap((s) => [s, ...flatten(s.children ?? [])]);
}

export function usesOf(data: unknown, length: number): number[] | undefined {
  if (!isRecord(data)) return undefined;
  const uses = data['uses'];
  if (!Array.isArray(uses)) return undefined;
  const indices = uses.filter((n): n is number => Number.isInteger(n) && n >= 1 && n <= length);
  return indices.length ? indices.map((n) => n - 1) : undefined;
}

export function ruleNames(inference: ArgdownInference | undefined): string[] {
  const rules = (inference as { inferenceRules?: unknown } | undefined)?.inferenceRules;
  return Array.isArray(rules)
    ? rules.filter((r): r is string => typeof r === 'string' && r.trim() !== '')
    : [];
}

export function describe(relation: ArgdownRelation): string {
  const name = (m: ArgdownRelation['from']): string =>
    !m
      ? '?'
      : m.type === 'equivalence-class'
        ? `[${m.title ?? ''}]`
        : m.type === 'argument'
          ? `<${m.title ?? ''}>`
          : `inference of <${m.argumentTitle ?? ''}>`;
  return `${relation.relationType} ${name(relation.from)} → ${name(relation.to)}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

export function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}

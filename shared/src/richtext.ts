import * as Y from 'yjs';
import { z } from 'zod';
import { lazySchema } from './lazySchema.ts';

/**
 * Claim text is rich text stored as a `Y.XmlFragment` in exactly the shape that Tiptap's
 * Collaboration extension (y-prosemirror) reads and writes: block nodes are `Y.XmlElement`s
 * named after the ProseMirror node type, inline text is `Y.XmlText` whose formatting
 * attributes are ProseMirror marks (`{ bold: {} }`, `{ link: { href } }`).
 *
 * Outside the Y.Doc (export, static rendering) the same content is ProseMirror JSON.
 */
export interface RichMark {
  type: string;
  attrs?: Record<string, unknown>;
}
export interface RichNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RichNode[];
  text?: string;
  marks?: RichMark[];
}
export interface RichDoc {
  type: 'doc';
  content: RichNode[];
}

/** Node and mark types a claim may hold: Tiptap's StarterKit set plus links. */
export const RICH_NODE_TYPES = [
  'paragraph',
  'heading',
  'bulletList',
  'orderedList',
  'listItem',
  'blockquote',
  'codeBlock',
  'hardBreak',
  'horizontalRule',
] as const;
export const RICH_MARK_TYPES = ['bold', 'italic', 'strike', 'code', 'underline', 'link'] as const;

/** Heading levels a claim may use: the editor offers these, and renderers show no others. */
export const HEADING_LEVELS = [3, 4] as const;

/** URL schemes a link may use. The editor, the static renderer and imports all ask `isSafeHref`. */
export const LINK_PROTOCOLS = ['https', 'http', 'mailto'] as const;
const MAX_ATTR_LENGTH = 2048;
const safeScheme = new RegExp(`^(${LINK_PROTOCOLS.join('|')}):`, 'i');

/** True for a link target a claim may hold: a string of a `LINK_PROTOCOLS` scheme. */
export function isSafeHref(href: unknown): href is string {
  return typeof href === 'string' && href.length <= MAX_ATTR_LENGTH && safeScheme.test(href);
}

/**
 * Validates rich text from outside (imports): known node and mark types, safe links. Built on
 * first use, in one piece: its parts refer to each other (a block holds blocks), and zod's
 * JSON Schema export follows such a reference by the identity of the schema it was built with.
 */
export const richDocSchema = lazySchema(() => {
  const attrValue = z.union([z.string().max(MAX_ATTR_LENGTH), z.number(), z.boolean(), z.null()]);
  const attrs = z.record(z.string().max(64), attrValue);
  const safeHref = z
    .string()
    .max(MAX_ATTR_LENGTH)
    .refine(isSafeHref, `links must be ${LINK_PROTOCOLS.join(', ')} URLs`);
  const markSchema = z.discriminatedUnion('type', [
    z.object({ type: z.literal('link'), attrs: attrs.and(z.object({ href: safeHref })) }),
    z.object({
      type: z.enum(RICH_MARK_TYPES.filter((t) => t !== 'link') as [string, ...string[]]),
      attrs: attrs.optional(),
    }),
  ]);
  const textNode = z.object({
    type: z.literal('text'),
    text: z.string().min(1),
    marks: z.array(markSchema).optional(),
  });
  const blockNode: z.ZodType<RichNode> = z.lazy(() =>
    z.union([
      textNode,
      z.object({
        type: z.enum(RICH_NODE_TYPES),
        attrs: attrs.optional(),
        content: z.array(blockNode).optional(),
      }),
    ]),
  );
  return z.object({
    type: z.literal('doc'),
    content: z.array(blockNode),
  });
});

/** Plain text as paragraphs: one paragraph per line. */
export function plainToRich(text: string): RichDoc {
  return {
    type: 'doc',
    content: text
      .split('\n')
      .map((line) =>
        line
          ? { type: 'paragraph', content: [{ type: 'text', text: line }] }
          : { type: 'paragraph' },
      ),
  };
}

/** Writes `doc` into an empty fragment (inside the caller's transaction). */
export function writeRich(fragment: Y.XmlFragment, doc: RichDoc): void {
  fragment.insert(0, toYNodes(doc.content));
}

function toYNodes(nodes: RichNode[]): (Y.XmlElement | Y.XmlText)[] {
  const out: (Y.XmlElement | Y.XmlText)[] = [];
  let run: Y.XmlText | null = null;
  let runLength = 0;
  for (const node of nodes) {
    if (node.type === 'text') {
      if (!run) {
        run = new Y.XmlText();
        runLength = 0;
        out.push(run);
      }
      const text = node.text ?? '';
      const format: Record<string, unknown> = {};
      for (const mark of node.marks ?? []) format[mark.type] = mark.attrs ?? {};
      // Inserting before the text is integrated is buffered by Yjs as a delta.
      run.insert(runLength, text, format);
      runLength += text.length;
      continue;
    }
    run = null;
    const el = new Y.XmlElement(node.type);
    for (const [k, v] of Object.entries(node.attrs ?? {})) {
      if (v !== null && v !== undefined) el.setAttribute(k, v as string);
    }
    if (node.content?.length) el.insert(0, toYNodes(node.content));
    out.push(el);
  }
  return out;
}

/** Reads a fragment as ProseMirror JSON. */
export function readRich(fragment: Y.XmlFragment): RichDoc {
  return { type: 'doc', content: fromYNodes(fragment.toArray(), readDelta) };
}

/**
 * `readRich` and `fragmentText` of one fragment at once, for exporters that need both for
 * every claim: each text's delta (the costly read) is taken once and serves both.
 */
export function readRichAndText(fragment: Y.XmlFragment): { content: RichDoc; text: string } {
  const deltas = new Map<Y.XmlText, DeltaOp[]>();
  const delta = (text: Y.XmlText): DeltaOp[] => {
    let ops = deltas.get(text);
    if (!ops) {
      ops = readDelta(text);
      deltas.set(text, ops);
    }
    return ops;
  };
  const items = fragment.toArray();
  const lines: string[] = [];
  collectLines(items, lines, delta);
  return { content: { type: 'doc', content: fromYNodes(items, delta) }, text: lines.join('\n') };
}

/**
 * ProseMirror marks from a `Y.XmlText` run's formatting attributes, as y-prosemirror writes
 * them (`{ bold: {} }`, `{ link: { href } }`), in the attributes' order.
 */
export function marksOf(attributes: Record<string, unknown> | undefined): RichMark[] {
  return Object.entries(attributes ?? {}).map(([type, value]) => {
    const mark: RichMark = { type };
    if (value && typeof value === 'object' && Object.keys(value).length) {
      mark.attrs = value as Record<string, unknown>;
    }
    return mark;
  });
}

interface DeltaOp {
  insert: unknown;
  attributes?: Record<string, unknown>;
}

const readDelta = (text: Y.XmlText): DeltaOp[] => text.toDelta() as DeltaOp[];

function fromYNodes(
  items: (Y.XmlElement | Y.XmlText | Y.XmlHook)[],
  delta: (text: Y.XmlText) => DeltaOp[],
): RichNode[] {
  const out: RichNode[] = [];
  for (const item of items) {
    if (item instanceof Y.XmlText) {
      for (const op of delta(item)) {
        if (typeof op.insert !== 'string' || !op.insert) continue;
        const node: RichNode = { type: 'text', text: op.insert };
        const marks = marksOf(op.attributes);
        if (marks.length) node.marks = marks;
        out.push(node);
      }
    } else if (item instanceof Y.XmlElement) {
      const node: RichNode = { type: item.nodeName };
      const attributes = item.getAttributes() as Record<string, unknown>;
      if (Object.keys(attributes).length) node.attrs = attributes;
      const content = fromYNodes(item.toArray(), delta);
      if (content.length) node.content = content;
      out.push(node);
    }
  }
  return out;
}

/** Plain text of a fragment: one line per text block, marks dropped. */
export function fragmentText(fragment: Y.XmlFragment): string {
  const lines: string[] = [];
  collectLines(fragment.toArray(), lines, readDelta);
  return lines.join('\n');
}

type YChild = Y.XmlElement | Y.XmlText | Y.XmlHook;

function collectLines(
  items: YChild[],
  lines: string[],
  delta: (text: Y.XmlText) => DeltaOp[],
): void {
  for (const item of items) {
    if (item instanceof Y.XmlText) {
      lines.push(deltaText(delta(item)));
    } else if (item instanceof Y.XmlElement) {
      const children = item.toArray();
      const hasBlocks = children.some(
        (c) => c instanceof Y.XmlElement && c.nodeName !== 'hardBreak',
      );
      if (hasBlocks) collectLines(children, lines, delta);
      else lines.push(children.map((c) => inlineText(c, delta)).join(''));
    }
  }
}

function inlineText(item: YChild, delta: (text: Y.XmlText) => DeltaOp[]): string {
  if (item instanceof Y.XmlText) return deltaText(delta(item));
  return item instanceof Y.XmlElement && item.nodeName === 'hardBreak' ? '\n' : '';
}

function deltaText(ops: DeltaOp[]): string {
  return ops.map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}

/** Plain text of ProseMirror JSON, the same way `fragmentText` reads a fragment. */
export function richText(doc: RichDoc): string {
  const fragment = new Y.Doc().getXmlFragment('t');
  writeRich(fragment, doc);
  return fragmentText(fragment);
}

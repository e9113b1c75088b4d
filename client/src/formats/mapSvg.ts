import type { RelationView } from '@warrant/shared';
import type { LayoutGraph } from '../layout/graph.ts';
import type { Positions } from '../layout/positions.ts';

/**
 * The whole map as one SVG picture, drawn from the canvas layout (the positions this device
 * shows), not from the screen: every card, however far off the viewport, at its place.
 *
 * Made to survive a greyscale printer and a reader who sees no colour: a reason's kind is
 * told three ways at once, by its words ("supports", "rebuts", "undercuts"), by its line
 * (solid, dashed, dotted) and by a legend under the title. Pure, so a test reads the output.
 */
export interface MapPicture {
  title: string;
  graph: LayoutGraph;
  positions: Positions;
  /** A claim's plain text (lines joined by "\n"). */
  claimText: (id: string) => string;
  /** How each reason bears on its target; reasons not listed are drawn as supports. */
  reasons: ReadonlyMap<string, ReasonKind>;
  /** Width of `text` in pixels at `fontSize`; the default guesses from character classes. */
  measure?: (text: string, fontSize: number) => number;
}

export type ReasonKind = 'supports' | 'rebuts' | 'undercuts';

/** What a reason says, in the picture's words: an undercut is a rebuttal aimed at a reason. */
export function reasonKind(relation: Pick<RelationView, 'kind' | 'target'>): ReasonKind {
  if (relation.kind === 'support') return 'supports';
  return 'relation' in relation.target ? 'undercuts' : 'rebuts';
}

export interface DrawnSvg {
  svg: string;
  width: number;
  height: number;
}

const MARGIN = 32;
const TITLE_SIZE = 22;
const LEGEND_SIZE = 12;
/** Title, legend and the space under them. */
const HEAD = MARGIN + TITLE_SIZE + 12 + LEGEND_SIZE + 24;
const TEXT_SIZE = 13;
const LINE_HEIGHT = 17;
const PADDING = 12;
const FONT = 'Helvetica, Arial, sans-serif';

/** The line of each kind: solid, dashed, dotted, so greyscale still tells them apart. */
const DASH: Record<ReasonKind, string | null> = {
  supports: null,
  rebuts: '8 5',
  undercuts: '2 4',
};
/** A reason's fill: white for support, greys for attacks (a hint on top of words and lines). */
const FILL: Record<ReasonKind, string> = {
  supports: '#ffffff',
  rebuts: '#e4e4e4',
  undercuts: '#f2f2f2',
};

export function mapSvg(picture: MapPicture): DrawnSvg {
  const { graph, positions, claimText, reasons } = picture;
  const measure = picture.measure ?? guessWidth;
  const placed = graph.nodes.flatMap((node) => {
    const at = positions.get(node.id);
    return at ? [{ ...node, x: at.x, y: at.y }] : [];
  });
  const minX = Math.min(...placed.map((n) => n.x));
  const minY = Math.min(...placed.map((n) => n.y));
  const maxX = Math.max(...placed.map((n) => n.x + n.width));
  const maxY = Math.max(...placed.map((n) => n.y + n.height));
  const dx = placed.length ? MARGIN - minX : 0;
  const dy = placed.length ? HEAD - minY : 0;
  const titleWidth = measure(picture.title, TITLE_SIZE) + 2 * MARGIN;
  const width = Math.ceil(Math.max(placed.length ? maxX - minX + 2 * MARGIN : 0, titleWidth, 480));
  const height = Math.ceil(placed.length ? maxY - minY + HEAD + MARGIN : HEAD + 40);

  const box = new Map(placed.map((n) => [n.id, { ...n, x: n.x + dx, y: n.y + dy }]));
  const kindOf = (id: string): ReasonKind => reasons.get(id) ?? 'supports';
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" role="img" aria-label="${attr(picture.title)}">`,
    `<title>${text(picture.title)}</title>`,
    '<defs>',
    '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="#222"/></marker>',
    '</defs>',
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${MARGIN}" y="${MARGIN + TITLE_SIZE - 4}" font-size="${TITLE_SIZE}" font-weight="bold" fill="#000">${text(picture.title)}</text>`,
    legend(MARGIN, MARGIN + TITLE_SIZE + 12 + LEGEND_SIZE - 2),
  ];
  if (!placed.length) {
    out.push(
      `<text x="${MARGIN}" y="${HEAD + 16}" font-size="${TEXT_SIZE}" fill="#444">This map has no claims yet.</text>`,
    );
  }

  // Edges first, so cards and reasons sit on top of their ends.
  out.push('<g class="edges" fill="none" stroke="#222" stroke-width="1.5">');
  for (const edge of graph.edges) {
    const from = box.get(edge.from);
    const to = box.get(edge.to);
    if (!from || !to) continue;
    // An edge belongs to the reason at one of its ends: premise → reason, reason → target.
    const reason = from.kind === 'reason' ? from.id : to.id;
    const dash = DASH[kindOf(reason)];
    const x1 = from.x + from.width / 2;
    const y1 = from.y;
    const x2 = to.x + to.width / 2;
    const y2 = to.y + to.height;
    const bend = Math.max(24, Math.abs(y1 - y2) / 2);
    const arrow = from.kind === 'reason' ? ' marker-end="url(#arrow)"' : '';
    out.push(
      `<path d="M${num(x1)} ${num(y1)} C${num(x1)} ${num(y1 - bend)} ${num(x2)} ${num(y2 + bend)} ${num(x2)} ${num(y2)}"${dash ? ` stroke-dasharray="${dash}"` : ''}${arrow}/>`,
    );
  }
  out.push('</g>');

  for (const node of box.values()) {
    if (node.kind === 'reason') {
      const kind = kindOf(node.id);
      const dash = DASH[kind];
      out.push(
        `<g class="reason ${kind}">`,
        `<rect x="${num(node.x)}" y="${num(node.y)}" width="${node.width}" height="${node.height}" rx="${node.height / 2}" fill="${FILL[kind]}" stroke="#222" stroke-width="1.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
        `<text x="${num(node.x + node.width / 2)}" y="${num(node.y + node.height / 2 + 4)}" font-size="12" font-weight="bold" text-anchor="middle" fill="#000">${kind}</text>`,
        '</g>',
      );
      continue;
    }
    const words = claimText(node.id).trim() || '(empty claim)';
    const maxLines = Math.max(1, Math.floor((node.height - 2 * PADDING) / LINE_HEIGHT));
    const lines = wrap(words, node.width - 2 * PADDING, maxLines, (t) => measure(t, TEXT_SIZE));
    out.push(
      '<g class="claim">',
      // The whole text, for a reader hovering the card and for search: the card may cut it.
      `<title>${text(words)}</title>`,
      `<rect x="${num(node.x)}" y="${num(node.y)}" width="${node.width}" height="${node.height}" rx="10" fill="#ffffff" stroke="#000" stroke-width="1.5"/>`,
      `<text x="${num(node.x + PADDING)}" y="${num(node.y + PADDING + TEXT_SIZE)}" font-size="${TEXT_SIZE}" fill="#000">`,
      ...lines.map(
        (line, i) =>
          `<tspan x="${num(node.x + PADDING)}"${i ? ` dy="${LINE_HEIGHT}"` : ''}>${text(line)}</tspan>`,
      ),
      '</text>',
      '</g>',
    );
  }
  out.push('</svg>');
  return { svg: out.join('\n'), width, height };
}

/** One line under the title that says what each line style means. */
function legend(x: number, y: number): string {
  const parts: string[] = ['<g class="legend" font-size="12" fill="#000">'];
  let at = x;
  for (const kind of ['supports', 'rebuts', 'undercuts'] as const) {
    const dash = DASH[kind];
    parts.push(
      `<line x1="${at}" y1="${y - 4}" x2="${at + 36}" y2="${y - 4}" stroke="#222" stroke-width="1.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
      `<text x="${at + 42}" y="${y}">${kind}</text>`,
    );
    at += 130;
  }
  parts.push('</g>');
  return parts.join('');
}

/**
 * `words` broken into lines no wider than `width`, at most `maxLines` of them; a word wider
 * than a line is cut, and text that does not fit ends the last line with "…".
 */
export function wrap(
  words: string,
  width: number,
  maxLines: number,
  measure: (text: string) => number,
): string[] {
  const lines: string[] = [];
  let cut = false;
  for (const paragraph of words.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (measure(next) <= width) {
        line = next;
        continue;
      }
      if (line) lines.push(line);
      line = word;
      while (measure(line) > width && line.length > 1) {
        let fit = line.length - 1;
        while (fit > 1 && measure(line.slice(0, fit)) > width) fit--;
        lines.push(line.slice(0, fit));
        line = line.slice(fit);
      }
    }
    if (line) lines.push(line);
  }
  if (lines.length > maxLines) {
    lines.length = maxLines;
    cut = true;
  }
  if (cut) {
    let last = lines[maxLines - 1] ?? '';
    while (last && measure(`${last}…`) > width) last = last.slice(0, -1).trimEnd();
    lines[maxLines - 1] = `${last}…`;
  }
  return lines;
}

/** A width guess for a sans-serif face, for when no canvas can measure (tests, Node). */
export function guessWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const c of text) {
    if (/[iljtf.,;:'!|ı]/.test(c)) em += 0.3;
    else if (/[mwMW@]/.test(c)) em += 0.85;
    else if (/[A-Z0-9]/.test(c)) em += 0.65;
    else if (c === ' ') em += 0.28;
    else em += 0.56;
  }
  return em * fontSize;
}

function num(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** Text content for XML: escaped, and without characters XML 1.0 cannot hold. */
function text(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- control characters are what is removed
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
  );
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;');
}

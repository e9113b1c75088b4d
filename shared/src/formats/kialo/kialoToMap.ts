import type { MapJson } from '../json/MapJson.ts';
import type { RichNode } from '../../richtext.ts';
import {
  emptyMap,
  FormatError,
  reportFor,
  titleFrom,
  type FormatReport,
} from '../aif/FormatReport.ts';
import { readKialoLine } from './kialoText.ts';

export interface KialoImportOptions {
  /** The time given to every record (Kialo's export has none; default: now). */
  now?: Date;
}

/** One numbered claim line of the export, with the lines that continue it. */
interface Entry {
  /** "1.2.3" */
  number: string;
  stance: 'Pro' | 'Con' | null;
  lines: string[];
  /** 1-based line in the file, for the report. */
  line: number;
}

const NUMBERED = /^\s*((?:\d+\.)+)\s*(.*)$/;
const STANCE = /^(Pro|Con):\s*(.*)$/;
const REFERENCE = /^->\s*See\s+((?:\d+\.)*\d+)\.?\s*$/i;

/**
 * Reads Kialo's discussion export (the .txt file Kialo downloads):
 *
 *     Discussion Title: Should cities ban cars from their centres?
 *
 *     1. Cities should ban cars from their centres.
 *     1.1. Pro: Car-free centres have cleaner air.
 *     1.1.1. Con: Pollution just moves to the ring roads.
 *     1.2. Con: -> See 1.1.1.
 *
 * The title is the map's title; the thesis (`1.`) a root claim; each numbered claim a claim
 * with one single-premise relation to its parent: support for `Pro:`, rebuttal for `Con:`.
 * A claim whose text is `-> See 1.1.1.` is claim 1.1.1 again under a second parent: one more
 * relation, no new claim (the claim named may come before or after). Lines without a number
 * continue the claim above (one paragraph each); backslash escapes and `[text](url)` links
 * are read as in `readKialoLine`. Throws `FormatError` when the text has no numbered claims.
 */
export function kialoToMap(
  text: string,
  options: KialoImportOptions = {},
): { map: MapJson; report: FormatReport } {
  const report: FormatReport = { claims: 0, relations: 0, passages: 0, leftOut: [], notes: [] };
  const now = (options.now ?? new Date()).toISOString();
  const { title, entries } = readEntries(text, report);
  if (!entries.length) {
    throw new FormatError(
      'This is not a Kialo discussion export: it has no numbered claims ("1. …", "1.1. Pro: …"). Export the discussion from Kialo as a .txt file and try again.',
    );
  }

  const byNumber = new Map(entries.map((e) => [e.number, e]));
  const references = new Map<string, string>();
  const claimOf = new Map<string, string>();
  const map = emptyMap('Untitled', now);
  for (const e of entries) {
    const body = e.lines.join('\n').trim();
    const ref = REFERENCE.exec(body);
    if (ref?.[1]) {
      references.set(e.number, ref[1]);
      continue;
    }
    const id = `k${e.number.replace(/\./g, '-')}`;
    claimOf.set(e.number, id);
    const paragraphs: RichNode[] = [];
    const plain: string[] = [];
    for (const line of trimBlank(e.lines)) {
      const read = readKialoLine(line.trim());
      plain.push(read.plain);
      paragraphs.push(
        read.nodes.length ? { type: 'paragraph', content: read.nodes } : { type: 'paragraph' },
      );
      for (const href of read.unsafeLinks) {
        report.leftOut.push({
          what: `the link to "${href}" in claim ${e.number}`,
          why: 'claims may link only to http(s) and mailto addresses; its text was kept',
        });
      }
    }
    map.claims.push({
      id,
      text: plain.join('\n'),
      content: { type: 'doc', content: paragraphs },
      author: '',
      createdAt: now,
    });
  }

  /** The claim an entry stands for: itself, or the claim its "-> See" names. */
  const claimFor = (number: string): string | null => {
    const seen = new Set<string>();
    let at = number;
    for (let to = references.get(at); to !== undefined; to = references.get(at)) {
      if (seen.has(at)) return null;
      seen.add(at);
      at = to;
    }
    return claimOf.get(at) ?? null;
  };
  const made = new Set<string>();
  let reused = 0;
  for (const e of entries) {
    const parent = e.number.split('.').slice(0, -1).join('.');
    if (!parent) continue;
    const what = `claim ${e.number} (line ${e.line})`;
    const premise = claimFor(e.number);
    const target = claimFor(parent);
    if (!premise) {
      const to = references.get(e.number);
      report.leftOut.push({
        what,
        why:
          to && byNumber.has(to)
            ? `"-> See ${to}" leads in a circle`
            : `"-> See ${to}" names no claim in the file`,
      });
      continue;
    }
    if (!target) continue; // its parent was left out and reported
    if (!e.stance) {
      report.leftOut.push({
        what,
        why: 'it is marked neither Pro nor Con, so it is imported without a relation',
      });
      continue;
    }
    if (premise === target) {
      report.leftOut.push({
        what,
        why: 'it refers to the claim it answers: a claim cannot be a reason for itself',
      });
      continue;
    }
    const kind = e.stance === 'Pro' ? 'support' : 'rebut';
    const key = `${kind}:${premise}:${target}`;
    if (made.has(key)) {
      report.notes.push(
        `Claim ${e.number} repeats a relation already in the map; it was made once.`,
      );
      continue;
    }
    made.add(key);
    if (references.has(e.number)) reused++;
    map.relations.push({
      id: `r${e.number.replace(/\./g, '-')}`,
      kind,
      premises: [premise],
      target: { claim: target },
      author: '',
      createdAt: now,
    });
  }

  const thesis = map.claims[0];
  map.title = titleFrom(title ?? thesis?.text ?? '', 'Kialo discussion');
  if (title === null)
    report.notes.push('The file has no "Discussion Title:" line; the thesis is the title.');
  if (reused)
    report.notes.push(
      `${reused} "-> See" line${reused > 1 ? 's' : ''} made a claim a reason under a second parent.`,
    );
  return { map, report: reportFor(map, report.leftOut, report.notes) };
}

function readEntries(
  text: string,
  report: FormatReport,
): { title: string | null; entries: Entry[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  let title: string | null = null;
  const entries: Entry[] = [];
  const known = new Set<string>();
  let tops = 0;
  let current: Entry | null = null;
  lines.forEach((line, i) => {
    const titleMatch = /^\s*Discussion Title:\s*(.*)$/.exec(line);
    if (titleMatch && title === null && !entries.length) {
      title = titleMatch[1]?.trim() || null;
      return;
    }
    const m = NUMBERED.exec(line);
    const number = m?.[1]?.slice(0, -1);
    if (m && number !== undefined && isNextNumber(number, known, tops)) {
      const rest = m[2] ?? '';
      const stance = STANCE.exec(rest);
      current = {
        number,
        stance: stance ? (stance[1] as 'Pro' | 'Con') : null,
        lines: [stance ? (stance[2] ?? '') : rest],
        line: i + 1,
      };
      entries.push(current);
      known.add(number);
      if (!number.includes('.')) tops++;
      return;
    }
    if (current) current.lines.push(line);
    else if (line.trim()) {
      report.leftOut.push({
        what: `line ${i + 1} ("${line.trim().slice(0, 60)}")`,
        why: 'it comes before the first claim',
      });
    }
  });
  return { title, entries };
}

/**
 * A numbered line starts a claim only where the numbering allows one: a thesis numbered one
 * more than the last, or a child of a claim already read. Anything else ("2020. was…" in the
 * middle of a claim) continues the claim above.
 */
function isNextNumber(number: string, known: Set<string>, tops: number): boolean {
  if (known.has(number)) return false;
  const parent = number.split('.').slice(0, -1).join('.');
  return parent ? known.has(parent) : number === String(tops + 1);
}

function trimBlank(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && !lines[start]?.trim()) start++;
  while (end > start && !lines[end - 1]?.trim()) end--;
  return lines.slice(start, end);
}

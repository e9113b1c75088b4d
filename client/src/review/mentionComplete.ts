import type { ReviewAuthor } from '@warrant/shared';

/** An `@name` being typed: where its `@` is, and what follows it up to the caret. */
export interface MentionQuery {
  at: number;
  query: string;
}

/** Names are at most this long to complete (a longer run after `@` is not a mention). */
const MAX_QUERY = 40;

/**
 * The mention being typed at `caret`, if any: an `@` at the start or after a space or an
 * opening bracket (not inside an e-mail address), followed by at most a few words.
 */
export function mentionAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at === -1) return null;
  if (at > 0 && !/[\s([{"'“]/u.test(before[at - 1] ?? '')) return null;
  const query = before.slice(at + 1);
  // A space just typed ends the name (or a completed one): no list until more is typed.
  if (query.length > MAX_QUERY || /[\n@]/.test(query) || /\s$/.test(query)) return null;
  return { at, query };
}

/**
 * The people whose name matches `query`: names starting with it first, then names with a
 * word starting with it, each group in the order given; at most `limit`.
 */
export function matchPeople(
  people: readonly ReviewAuthor[],
  query: string,
  limit = 6,
): ReviewAuthor[] {
  const q = query.trim().toLowerCase();
  const starts: ReviewAuthor[] = [];
  const words: ReviewAuthor[] = [];
  for (const p of people) {
    const name = p.name.toLowerCase();
    if (name.startsWith(q)) starts.push(p);
    else if (name.split(/\s+/).some((w) => w.startsWith(q))) words.push(p);
  }
  return [...starts, ...words].slice(0, limit);
}

/** `text` with the mention at `query` completed to `person`'s name, and the caret after it. */
export function completeMention(
  text: string,
  query: MentionQuery,
  caret: number,
  person: ReviewAuthor,
): { text: string; caret: number } {
  const inserted = `@${person.name} `;
  const after = text.slice(caret).replace(/^ /, '');
  return {
    text: text.slice(0, query.at) + inserted + after,
    caret: query.at + inserted.length,
  };
}

import type { ReviewAuthor } from './schema.ts';

/** At most this many people mentioned in one comment (more is noise, or abuse). */
export const MAX_MENTIONS = 50;

/**
 * The people `text` @mentions. With `people` (everyone who has been on the map), an `@` followed
 * by one of their names (any case; the longest name wins, so "@Ann Lee" is not "@Ann") mentions
 * that person, names with spaces included. Without `people`, each `@word` is a name with no
 * id. Each person once, in order of first mention.
 */
export function parseMentions(text: string, people: readonly ReviewAuthor[] = []): ReviewAuthor[] {
  const found: ReviewAuthor[] = [];
  const seen = new Set<string>();
  const add = (p: ReviewAuthor): void => {
    const key = p.id ? `id:${p.id}` : `name:${p.name.toLowerCase()}`;
    if (seen.has(key) || found.length >= MAX_MENTIONS) return;
    seen.add(key);
    found.push(p);
  };
  const byLength = [...people].filter((p) => p.name).sort((a, b) => b.name.length - a.name.length);
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    if (at > 0 && /[\p{L}\p{N}_.]/u.test(text[at - 1] ?? '')) continue; // an e-mail address
    const rest = text.slice(at + 1);
    if (people.length) {
      const person = byLength.find(
        (p) =>
          rest.slice(0, p.name.length).toLowerCase() === p.name.toLowerCase() &&
          !/[\p{L}\p{N}_]/u.test(rest[p.name.length] ?? ''),
      );
      if (person) add({ id: person.id, name: person.name });
    } else {
      const word = /^[\p{L}\p{N}_.-]+/u.exec(rest)?.[0]?.replace(/[.-]+$/, '');
      if (word) add({ id: '', name: word });
    }
  }
  return found;
}

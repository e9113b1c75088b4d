/** Small readers of AIF's values, shared by the node and the passage import. */

/** AIFdb writes "2016-05-12 14:23:01" (UTC); OVA writes ISO 8601. */
export function isoTime(ts: string | null): string | null {
  if (!ts) return null;
  const ms = Date.parse(/^\d{4}-\d\d-\d\d \d/.test(ts) ? `${ts.replace(' ', 'T')}Z` : ts);
  if (!Number.isFinite(ms)) return null;
  const iso = new Date(ms).toISOString();
  return /^\d{4}-/.test(iso) ? iso : null;
}

export function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function short(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

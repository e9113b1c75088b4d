/**
 * Who I am on this device: a name asked once and a colour derived from it (on a map, another
 * colour if someone present already shows that one; see `distinctColor`).
 */
export interface Identity {
  name: string;
  color: string;
}

const NAME_KEY = 'warrant.name';

/**
 * Colours for people, dark enough for white caret labels and distinct from the
 * support/rebut palette (which never relies on colour alone anyway).
 */
export const PERSON_COLORS = [
  '#1f6feb',
  '#8250df',
  '#bf3989',
  '#0a7f7a',
  '#b35900',
  '#6e7781',
  '#3d5a80',
  '#9a6700',
] as const;

export function storedName(storage: Pick<Storage, 'getItem'> = localStorage): string | null {
  const name = storage.getItem(NAME_KEY)?.trim();
  return name ? name : null;
}

export function storeName(name: string, storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(NAME_KEY, name.trim());
}

/** A stable colour per name, so a person keeps their colour across maps and reloads. */
export function colorFor(name: string): string {
  let hash = 0;
  for (let i = 0; i < name.length; i++) hash = (hash * 31 + name.charCodeAt(i)) | 0;
  return PERSON_COLORS[Math.abs(hash) % PERSON_COLORS.length] ?? PERSON_COLORS[0];
}

/**
 * `name`'s colour when others present already show `taken`: its own if free, else the next
 * free one in the palette after it (so two names that hash alike still differ), else its own
 * (more people than colours).
 */
export function colorAmong(name: string, taken: ReadonlySet<string>): string {
  const own = colorFor(name);
  const start = PERSON_COLORS.indexOf(own as (typeof PERSON_COLORS)[number]);
  for (let i = 0; i < PERSON_COLORS.length; i++) {
    const color = PERSON_COLORS[(start + i) % PERSON_COLORS.length];
    if (color && !taken.has(color)) return color;
  }
  return own;
}

export function identityFor(name: string): Identity {
  return { name, color: colorFor(name) };
}

/** Who I am on this device: a name asked once and a colour derived from it. */
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

export function identityFor(name: string): Identity {
  return { name, color: colorFor(name) };
}

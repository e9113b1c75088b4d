/**
 * The classroom on this device: the assignments this device made (with the instructor token
 * the relay shows only once, as `recentMaps` keeps a map's owner token) and the copies it
 * joined (with the student's own editor token, so the join link leads straight back to it).
 */

/** An assignment made here: the instructor's key to its dashboard, template and copies. */
export interface TaughtAssignment {
  id: string;
  title: string;
  token: string;
  templateMap: string;
  createdAt: number;
}

/** A copy this device joined as a student. */
export interface JoinedCopy {
  assignment: string;
  copy: string;
  token: string;
  title: string;
  name: string;
  group: string | null;
}

const TAUGHT = 'warrant.assignments';
const JOINED = 'warrant.joined';
const LIMIT = 100;

type Read = Pick<Storage, 'getItem'>;
type ReadWrite = Pick<Storage, 'getItem' | 'setItem'>;

function readList<T>(storage: Read, key: string, valid: (v: Record<string, unknown>) => boolean) {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(key) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (e): e is T => !!e && typeof e === 'object' && valid(e as Record<string, unknown>),
    );
  } catch {
    return [];
  }
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

export function readTaught(storage: Read = localStorage): TaughtAssignment[] {
  return readList<TaughtAssignment>(
    storage,
    TAUGHT,
    (e) =>
      isString(e.id) &&
      typeof e.title === 'string' &&
      isString(e.token) &&
      isString(e.templateMap) &&
      typeof e.createdAt === 'number',
  );
}

/** Adds an assignment (newest first), or updates the one with its id. */
export function rememberTaught(
  entry: TaughtAssignment,
  storage: ReadWrite = localStorage,
): TaughtAssignment[] {
  const list = [entry, ...readTaught(storage).filter((a) => a.id !== entry.id)].slice(0, LIMIT);
  storage.setItem(TAUGHT, JSON.stringify(list));
  return list;
}

/** Keeps a newer title for an assignment already remembered; nothing for an unknown one. */
export function retitleTaught(id: string, title: string, storage: ReadWrite = localStorage): void {
  const list = readTaught(storage);
  const entry = list.find((a) => a.id === id);
  if (!entry || entry.title === title) return;
  entry.title = title;
  storage.setItem(TAUGHT, JSON.stringify(list));
}

export function forgetTaught(id: string, storage: ReadWrite = localStorage): TaughtAssignment[] {
  const list = readTaught(storage).filter((a) => a.id !== id);
  storage.setItem(TAUGHT, JSON.stringify(list));
  return list;
}

/** The instructor token of an assignment made on this device, if it was. */
export function instructorToken(id: string, storage: Read = localStorage): string | undefined {
  return readTaught(storage).find((a) => a.id === id)?.token;
}

export function readJoined(storage: Read = localStorage): JoinedCopy[] {
  return readList<JoinedCopy>(
    storage,
    JOINED,
    (e) =>
      isString(e.assignment) &&
      isString(e.copy) &&
      isString(e.token) &&
      typeof e.title === 'string' &&
      typeof e.name === 'string' &&
      (e.group === null || typeof e.group === 'string'),
  );
}

/** One copy per assignment: joining again (another name) replaces the earlier one here. */
export function rememberJoined(entry: JoinedCopy, storage: ReadWrite = localStorage): void {
  const list = [entry, ...readJoined(storage).filter((j) => j.assignment !== entry.assignment)];
  storage.setItem(JOINED, JSON.stringify(list.slice(0, LIMIT)));
}

/** The copy this device joined for an assignment, if it did. */
export function joinedCopy(assignment: string, storage: Read = localStorage): JoinedCopy | null {
  return readJoined(storage).find((j) => j.assignment === assignment) ?? null;
}

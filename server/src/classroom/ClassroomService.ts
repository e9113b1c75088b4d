import { randomBytes } from 'node:crypto';
import {
  copyFigures,
  exportMap,
  importMap,
  mapStats,
  MAX_TITLE_LENGTH,
  setTitle,
  sourcesOnly,
  type AssignmentInfo,
  type AssignmentResponse,
  type CopyRow,
  type JoinRequest,
  type JoinResponse,
  type NewAssignmentRequest,
  type NewAssignmentResponse,
  type PushResponse,
  type Role,
} from '@warrant/shared';
import pMap from 'p-map';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { AuthStore, Grant } from '../auth/Auth.ts';
import type { CrossMapAccess } from '../auth/access.ts';
import type { MapService } from '../maps/MapService.ts';
import type { ReviewService } from '../maps/openReviews.ts';
import type { RoomManager } from '../rooms/RoomManager.ts';
import { StorageUnavailableError } from '../storage/Storage.ts';
import type { StorageHealth } from '../storage/StorageHealth.ts';
import { additionsOnly } from './additionsOnly.ts';
import {
  NameTakenError,
  type AssignmentRecord,
  type AssignmentStore,
  type CopyRecord,
  type MemberRecord,
} from './AssignmentStore.ts';
import { ClassroomError } from './ClassroomError.ts';
import { CopyActivity } from './CopyActivity.ts';
import { gradeOf, Grading } from './Grading.ts';
import { nameKey } from './rows.ts';

/** 16 url-safe characters from 96 random bits: the join link is a capability, like a map id. */
export function newAssignmentId(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * Students one assignment takes: far past any seminar or lecture, and a bound on what one
 * leaked join link can make (each join makes a map when it makes a copy).
 */
export const MAX_MEMBERS = 2_000;

/** Copies a push works on at once. */
const PUSH_CONCURRENCY = 8;

/** The transaction origin of a template push on a copy's room: the relay's own edit. */
export const PushOrigin = Symbol('warrant.classroom.push');

export interface ClassroomDeps {
  store: AssignmentStore;
  auth: AuthStore;
  maps: MapService;
  rooms: RoomManager;
  reviews: ReviewService;
  health: Pick<StorageHealth, 'status'>;
  logger: Logger;
  /**
   * Runs work while no other relay on the same storage runs work under that name
   * (`Storage.exclusive`); absent for storage one relay has alone.
   */
  exclusive?: <T>(name: string, work: () => Promise<T>) => Promise<T>;
}

/** "<title> — <name>", cut to a map title's length. */
function copyTitle(title: string, name: string): string {
  const full = `${title} — ${name}`;
  return full.length <= MAX_TITLE_LENGTH ? full : `${full.slice(0, MAX_TITLE_LENGTH - 1)}…`;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Assignments and their copies (server/README.md, "The classroom"). An assignment's template
 * is a map of its own; its owner link is the instructor token, which `crossMap` extends to
 * every copy. A copy is a new map whose document starts as the template's state, so the
 * template's later additions reach it as Yjs updates (`push`). The dashboard reads cached
 * figures (`CopyActivity`), never 200 documents; rubric, grades and release are `Grading`'s.
 */
export class ClassroomService {
  readonly activity: CopyActivity;
  /** Rubric, grades and their release. */
  readonly grading: Grading;
  /** Joins of one assignment run one at a time: "fill group 1, then 2" needs the count. */
  private readonly joining = new Map<string, Promise<unknown>>();
  /** Copy map id → its assignment's template map id (null: not a copy). Never changes. */
  private readonly templateOfCopy = new Map<string, string | null>();

  constructor(private readonly deps: ClassroomDeps) {
    this.activity = new CopyActivity(deps.store, (id) => this.isCopy(id), deps, deps.logger);
    this.grading = new Grading(deps.store, (id) => this.get(id));
  }

  /** The classroom's grants across maps, for `roleFor`. */
  readonly crossMap: CrossMapAccess = {
    roleVia: async (grant: Grant, mapId: string): Promise<Role | null> => {
      if (grant.role !== 'owner') return null;
      return (await this.templateOf(mapId)) === grant.mapId ? 'owner' : null;
    },
    reviewClosed: async (linkId: string, mapId: string): Promise<boolean> => {
      if ((await this.templateOf(mapId)) === null) return false;
      const copy = await this.deps.store.getCopy(mapId);
      if (!copy || copy.releasedAt !== null) return false;
      return (await this.deps.store.memberByLink(linkId))?.copyId === mapId;
    },
  };

  private async templateOf(mapId: string): Promise<string | null> {
    const known = this.templateOfCopy.get(mapId);
    if (known !== undefined) return known;
    const copy = await this.deps.store.getCopy(mapId);
    const template = copy
      ? ((await this.deps.store.getAssignment(copy.assignmentId))?.templateMap ?? null)
      : null;
    if (this.templateOfCopy.size > 100_000) this.templateOfCopy.clear();
    this.templateOfCopy.set(mapId, template);
    return template;
  }

  private async isCopy(mapId: string): Promise<boolean> {
    return (await this.templateOf(mapId)) !== null;
  }

  /** The assignment, or a 404 saying so. */
  async get(id: string): Promise<AssignmentRecord> {
    const found = await this.deps.store.getAssignment(id);
    if (!found) {
      throw new ClassroomError(404, `No assignment "${id}". Check the join link you were given.`);
    }
    return found;
  }

  /**
   * Makes the template (the whole source map, or its sources and passages only, under the
   * assignment's title), its owner link (the instructor token) and the assignment.
   */
  async create(input: NewAssignmentRequest): Promise<NewAssignmentResponse> {
    const kind = input.template ?? 'map';
    const template = await this.deps.maps.read(input.map, (source) => {
      const doc = new Y.Doc();
      if (kind === 'sources') {
        importMap(sourcesOnly(exportMap(source)), doc);
      } else {
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
      }
      setTitle(doc, input.title);
      return doc;
    });
    if (!template) throw new ClassroomError(404, `No map with id "${input.map}".`);
    const templateMeta = await this.deps.maps.createFrom(template);
    const instructor = await this.deps.auth.createLink(templateMeta.id, 'owner', 'Instructor');
    const id = newAssignmentId();
    await this.deps.store.createAssignment({
      id,
      title: input.title,
      instructions: input.instructions ?? '',
      due: input.due ? Date.parse(input.due) : null,
      grouping: input.groups ?? null,
      template: kind,
      sourceMap: input.map,
      templateMap: templateMeta.id,
      createdAt: Date.now(),
      rubric: { criteria: [] },
    });
    return { id, joinUrl: `/join/${id}`, token: instructor.token, templateMap: templateMeta.id };
  }

  /** What anyone with the join link sees. */
  async info(a: AssignmentRecord): Promise<AssignmentInfo> {
    const [copies, members] = await Promise.all([
      this.deps.store.listCopies(a.id),
      this.deps.store.listMembers(a.id),
    ]);
    return this.infoOf(a, copies, members);
  }

  private infoOf(
    a: AssignmentRecord,
    copies: readonly CopyRecord[],
    members: readonly MemberRecord[],
  ): AssignmentInfo {
    const byCopy = membersByCopy(members);
    const count = (copyId: string | undefined) => (copyId ? (byCopy.get(copyId)?.length ?? 0) : 0);
    let groups: AssignmentInfo['groups'] = [];
    if (Array.isArray(a.grouping)) {
      groups = a.grouping.map((name) => ({
        name,
        members: count(copies.find((c) => c.group === name)?.mapId),
        full: false,
      }));
    } else if (a.grouping) {
      const size = a.grouping.size;
      groups = copies.map((c) => {
        const n = count(c.mapId);
        return { name: c.group ?? c.name, members: n, full: n >= size };
      });
      if (groups.every((g) => g.full)) {
        groups.push({ name: `Group ${groups.length + 1}`, members: 0, full: false });
      }
    }
    return {
      id: a.id,
      title: a.title,
      instructions: a.instructions,
      due: a.due === null ? null : iso(a.due),
      template: a.template,
      mode: a.grouping ? 'groups' : 'individual',
      pickGroup: Array.isArray(a.grouping),
      groups,
      createdAt: iso(a.createdAt),
    };
  }

  /**
   * A student joins: their own copy (individual), their group's (made by its first member),
   * and their own editor link on it, labelled with their name. A name already in the
   * assignment is refused (409): each student is one person on the dashboard and in the
   * grades, and the token of the first is shown only to them.
   */
  join(a: AssignmentRecord, input: JoinRequest): Promise<JoinResponse> {
    // One at a time in this relay, and across relays sharing the storage: joins racing on
    // two relays would each count the same members (a group filled past its size, two
    // copies for one group, an orphan copy left by the loser of a name).
    const { exclusive } = this.deps;
    const joinNow = () => this.joinNow(a, input);
    const previous = this.joining.get(a.id) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(() => (exclusive ? exclusive(`join:${a.id}`, joinNow) : joinNow()));
    this.joining.set(a.id, next);
    void next
      .finally(() => {
        if (this.joining.get(a.id) === next) this.joining.delete(a.id);
      })
      .catch(() => undefined);
    return next;
  }

  private async joinNow(a: AssignmentRecord, input: JoinRequest): Promise<JoinResponse> {
    const { store } = this.deps;
    const [copies, members] = await Promise.all([store.listCopies(a.id), store.listMembers(a.id)]);
    if (members.length >= MAX_MEMBERS) {
      throw new ClassroomError(
        409,
        `This assignment is full (${MAX_MEMBERS} students); ask your instructor for another.`,
      );
    }
    const name = input.name.trim();
    if (members.some((m) => nameKey(m.name) === nameKey(name))) {
      throw new NameTakenError(name);
    }
    const group = this.groupFor(a, input.group, copies, members);
    let copy = group === null ? undefined : copies.find((c) => c.group === group);
    let made: CopyRecord | null = null;
    if (!copy) {
      made = await this.makeCopy(a, group ?? name, group);
      copy = made;
    }
    const link = await this.deps.auth.createLink(copy.mapId, 'editor', name);
    await store.join({
      copy: made,
      member: {
        assignmentId: a.id,
        copyId: copy.mapId,
        name,
        linkId: link.id,
        joinedAt: Date.now(),
      },
    });
    return {
      assignment: a.id,
      copy: {
        id: copy.mapId,
        title: copyTitle(a.title, copy.name),
        syncPath: `/sync/${copy.mapId}`,
      },
      token: link.token,
      role: 'editor',
      name,
      group,
    };
  }

  /** The group a student joins, or null (individual); 400 for a group the assignment lacks. */
  private groupFor(
    a: AssignmentRecord,
    asked: string | undefined,
    copies: readonly CopyRecord[],
    members: readonly MemberRecord[],
  ): string | null {
    const grouping = a.grouping;
    if (grouping === null) {
      if (asked !== undefined) {
        throw new ClassroomError(400, 'This assignment has no groups: join with your name only.');
      }
      return null;
    }
    if (Array.isArray(grouping)) {
      const wanted = asked?.trim().toLocaleLowerCase('en');
      const found = grouping.find((g) => g.toLocaleLowerCase('en') === wanted);
      if (!found) {
        throw new ClassroomError(
          400,
          `${asked === undefined ? 'Pick a group' : `There is no group "${asked}"`}: ` +
            `this assignment's groups are ${grouping.map((g) => `"${g}"`).join(', ')}.`,
        );
      }
      return found;
    }
    if (asked !== undefined) {
      throw new ClassroomError(
        400,
        'Groups of this assignment fill in order of joining: join with your name only.',
      );
    }
    const last = copies.at(-1);
    if (last && members.filter((m) => m.copyId === last.mapId).length < grouping.size) {
      return last.group ?? last.name;
    }
    return `Group ${copies.length + 1}`;
  }

  /** A new map holding the template's state, titled for its student or group. */
  private async makeCopy(
    a: AssignmentRecord,
    name: string,
    group: string | null,
  ): Promise<CopyRecord> {
    const made = await this.deps.maps.read(a.templateMap, (template) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(template));
      setTitle(doc, copyTitle(a.title, name));
      return { doc, figures: copyFigures(doc, null) };
    });
    if (!made) throw new Error(`the template map ${a.templateMap} of ${a.id} is gone`);
    const meta = await this.deps.maps.createFrom(made.doc);
    const now = Date.now();
    return {
      mapId: meta.id,
      assignmentId: a.id,
      name,
      group,
      createdAt: now,
      grade: null,
      releasedAt: null,
      figures: made.figures,
      lastActivity: null,
    };
  }

  /** The instructor's dashboard: every copy with its cached figures and activity. */
  async dashboard(a: AssignmentRecord): Promise<AssignmentResponse> {
    // Figures a failed recount left stale are still shown; the next commit retries them.
    await this.activity
      .flush()
      .catch((error: unknown) =>
        this.deps.logger.warn({ err: error }, 'classroom: recounting copies failed'),
      );
    const since = this.activity.window();
    const [copies, members, activity] = await Promise.all([
      this.deps.store.listCopies(a.id),
      this.deps.store.listMembers(a.id),
      this.deps.store.activity(a.id, since.fromBucket),
    ]);
    const counts = new Map<string, number[]>();
    for (const row of activity) {
      const series = counts.get(row.copyId) ?? new Array<number>(since.buckets).fill(0);
      const at = row.bucket - since.fromBucket;
      if (at >= 0 && at < since.buckets) series[at] = (series[at] ?? 0) + row.count;
      counts.set(row.copyId, series);
    }
    const byCopy = membersByCopy(members);
    const rows: CopyRow[] = [];
    for (const copy of copies) {
      const figures = copy.figures ?? (await this.activity.recount(copy.mapId));
      rows.push({
        id: copy.mapId,
        title: copyTitle(a.title, copy.name),
        name: copy.name,
        group: copy.group,
        members: (byCopy.get(copy.mapId) ?? []).map((m) => ({
          name: m.name,
          joinedAt: iso(m.joinedAt),
        })),
        figures,
        lastActivity: copy.lastActivity === null ? null : iso(copy.lastActivity),
        activity: {
          from: iso(since.fromBucket * since.bucketMs),
          bucketMinutes: since.bucketMs / 60_000,
          counts: counts.get(copy.mapId) ?? new Array<number>(since.buckets).fill(0),
        },
        grade: copy.grade ? gradeOf(a.rubric, copy.grade) : null,
        releasedAt: copy.releasedAt === null ? null : iso(copy.releasedAt),
      });
    }
    return {
      ...this.infoOf(a, copies, members),
      joinUrl: `/join/${a.id}`,
      sourceMap: a.sourceMap,
      templateMap: a.templateMap,
      rubric: a.rubric,
      copies: rows,
    };
  }

  /**
   * Pushes what the template gained since each copy last had it into every copy, as one
   * update through the copy's room (committed, then sent to everyone on it, like any edit).
   * Additions only (`additionsOnly`): a template deletion never reaches a copy. `changes`
   * counts the records added, by kind, in the copy that lagged most.
   */
  async push(a: AssignmentRecord): Promise<PushResponse> {
    const storage = this.deps.health.status();
    if (!storage.writable) throw new StorageUnavailableError(storage.error);
    const template = await this.deps.maps.read(a.templateMap, (doc) => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      return copy;
    });
    if (!template) throw new Error(`the template map ${a.templateMap} of ${a.id} is gone`);
    const changes: Record<string, number> = {};
    const copies = await this.deps.store.listCopies(a.id);
    const pushOne = async (copy: CopyRecord): Promise<void> => {
      const room = await this.deps.rooms.acquire(copy.mapId);
      if (!room) return;
      try {
        this.activity.quiet(copy.mapId);
        // In the room's turn, wherever its doc lives (a huge map's is on the worker thread).
        const added = await room.change((doc) => {
          const before = mapStats(doc);
          return {
            update: additionsOnly(template, Y.encodeStateVector(doc)),
            result: (after) => {
              const now = mapStats(after);
              const kinds = Object.keys(now) as (keyof typeof now)[];
              return kinds.map((kind) => [kind, Math.max(0, now[kind] - before[kind])] as const);
            },
          };
        }, PushOrigin);
        for (const [kind, n] of added) changes[kind] = Math.max(changes[kind] ?? 0, n);
      } finally {
        this.deps.rooms.release(room);
      }
    };
    try {
      // A few copies at a time: their commits share storage transactions, and no more than
      // a few rooms are loading at once. Every push ends before the template is freed, even
      // when one fails; the first failure is the answer.
      await pMap(copies, pushOne, { concurrency: PUSH_CONCURRENCY, stopOnError: false }).catch(
        (error: unknown) => {
          throw error instanceof AggregateError ? error.errors[0] : error;
        },
      );
    } finally {
      template.destroy();
    }
    return { copies: copies.length, changes };
  }

  /** Every copy of the assignment (without its members). */
  copies(a: AssignmentRecord): Promise<CopyRecord[]> {
    return this.deps.store.listCopies(a.id);
  }

  /** Every copy with its members, for the grades CSV. */
  async copiesWithMembers(
    a: AssignmentRecord,
  ): Promise<{ copy: CopyRecord; members: MemberRecord[] }[]> {
    const [copies, members] = await Promise.all([
      this.deps.store.listCopies(a.id),
      this.deps.store.listMembers(a.id),
    ]);
    const byCopy = membersByCopy(members);
    return copies.map((copy) => ({
      copy,
      members: byCopy.get(copy.mapId) ?? [],
    }));
  }

  close(): Promise<void> {
    return this.activity.close();
  }
}

/** Members by the copy they are on, grouped once rather than filtered per copy. */
function membersByCopy(members: readonly MemberRecord[]): Map<string, MemberRecord[]> {
  const out = new Map<string, MemberRecord[]>();
  for (const m of members) {
    const list = out.get(m.copyId);
    if (list) list.push(m);
    else out.set(m.copyId, [m]);
  }
  return out;
}

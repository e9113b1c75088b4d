import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { CopyFigures, Rubric } from '@warrant/shared';
import {
  NameTakenError,
  type ActivityRecord,
  type AssignmentRecord,
  type AssignmentStore,
  type CopyRecord,
  type GradeRecord,
  type MemberRecord,
} from '../AssignmentStore.ts';
import {
  nameKey,
  toAssignment,
  toCopy,
  toMember,
  type AssignmentRow,
  type CopyRow,
  type MemberRow,
} from '../rows.ts';

/** The tables; the PostgreSQL migration (`classroom-1-assignments`) has the same ones. */
const TABLES = `
  CREATE TABLE IF NOT EXISTS assignments (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    instructions TEXT NOT NULL,
    due INTEGER,
    grouping TEXT,
    template TEXT NOT NULL,
    source_map TEXT NOT NULL,
    template_map TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    rubric TEXT NOT NULL
  ) STRICT;
  CREATE TABLE IF NOT EXISTS assignment_copies (
    map_id TEXT PRIMARY KEY,
    assignment_id TEXT NOT NULL,
    name TEXT NOT NULL,
    group_name TEXT,
    created_at INTEGER NOT NULL,
    grade TEXT,
    released_at INTEGER,
    figures TEXT,
    last_activity INTEGER
  ) STRICT;
  CREATE INDEX IF NOT EXISTS assignment_copies_by_assignment
    ON assignment_copies (assignment_id, created_at);
  CREATE TABLE IF NOT EXISTS assignment_members (
    assignment_id TEXT NOT NULL,
    name_key TEXT NOT NULL,
    copy_id TEXT NOT NULL,
    name TEXT NOT NULL,
    link_id TEXT NOT NULL UNIQUE,
    joined_at INTEGER NOT NULL,
    PRIMARY KEY (assignment_id, name_key)
  ) STRICT;
  CREATE TABLE IF NOT EXISTS assignment_activity (
    copy_id TEXT NOT NULL,
    bucket INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (copy_id, bucket)
  ) STRICT;
`;

/** Assignments in SQLite: the relay's database file, tables of their own. */
export class SqliteAssignments implements AssignmentStore {
  private readonly db: Database.Database;
  private readonly stmt;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(TABLES);
    const db = this.db;
    const copyColumns =
      'map_id, assignment_id, name, group_name, created_at, grade, released_at, figures, last_activity';
    this.stmt = {
      insertAssignment: db.prepare(
        `INSERT INTO assignments (id, title, instructions, due, grouping, template, source_map,
          template_map, created_at, rubric) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      getAssignment: db.prepare<[string], AssignmentRow>('SELECT * FROM assignments WHERE id = ?'),
      setRubric: db.prepare('UPDATE assignments SET rubric = ? WHERE id = ?'),
      insertCopy: db.prepare(
        `INSERT INTO assignment_copies (${copyColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertMember: db.prepare(
        `INSERT INTO assignment_members (assignment_id, name_key, copy_id, name, link_id, joined_at)
          VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      hasMember: db.prepare<[string, string], { n: number }>(
        'SELECT 1 AS n FROM assignment_members WHERE assignment_id = ? AND name_key = ?',
      ),
      listCopies: db.prepare<[string], CopyRow>(
        `SELECT ${copyColumns} FROM assignment_copies WHERE assignment_id = ? ORDER BY created_at, map_id`,
      ),
      listMembers: db.prepare<[string], MemberRow>(
        `SELECT assignment_id, copy_id, name, link_id, joined_at FROM assignment_members
          WHERE assignment_id = ? ORDER BY joined_at, rowid`,
      ),
      getCopy: db.prepare<[string], CopyRow>(
        `SELECT ${copyColumns} FROM assignment_copies WHERE map_id = ?`,
      ),
      memberByLink: db.prepare<[string], MemberRow>(
        'SELECT assignment_id, copy_id, name, link_id, joined_at FROM assignment_members WHERE link_id = ?',
      ),
      setGrade: db.prepare('UPDATE assignment_copies SET grade = ? WHERE map_id = ?'),
      release: db.prepare(
        'UPDATE assignment_copies SET released_at = ? WHERE map_id = ? AND released_at IS NULL',
      ),
      setFigures: db.prepare(
        'UPDATE assignment_copies SET figures = ?, last_activity = coalesce(?, last_activity) WHERE map_id = ?',
      ),
      addActivity: db.prepare(
        `INSERT INTO assignment_activity (copy_id, bucket, count) VALUES (?, ?, ?)
          ON CONFLICT (copy_id, bucket) DO UPDATE SET count = count + excluded.count`,
      ),
      activity: db.prepare<[string, number], ActivityRecord>(
        `SELECT a.copy_id AS copyId, a.bucket AS bucket, a.count AS count
          FROM assignment_activity a JOIN assignment_copies c ON c.map_id = a.copy_id
          WHERE c.assignment_id = ? AND a.bucket >= ? ORDER BY a.copy_id, a.bucket`,
      ),
    };
  }

  async createAssignment(a: AssignmentRecord): Promise<void> {
    this.stmt.insertAssignment.run(
      a.id,
      a.title,
      a.instructions,
      a.due,
      a.grouping === null ? null : JSON.stringify(a.grouping),
      a.template,
      a.sourceMap,
      a.templateMap,
      a.createdAt,
      JSON.stringify(a.rubric),
    );
  }

  async getAssignment(id: string): Promise<AssignmentRecord | null> {
    const row = this.stmt.getAssignment.get(id);
    return row ? toAssignment(row) : null;
  }

  async setRubric(id: string, rubric: Rubric): Promise<void> {
    this.stmt.setRubric.run(JSON.stringify(rubric), id);
  }

  async join({ copy, member }: { copy: CopyRecord | null; member: MemberRecord }): Promise<void> {
    this.db.transaction(() => {
      if (this.stmt.hasMember.get(member.assignmentId, nameKey(member.name))) {
        throw new NameTakenError(member.name);
      }
      if (copy) {
        this.stmt.insertCopy.run(
          copy.mapId,
          copy.assignmentId,
          copy.name,
          copy.group,
          copy.createdAt,
          copy.grade === null ? null : JSON.stringify(copy.grade),
          copy.releasedAt,
          copy.figures === null ? null : JSON.stringify(copy.figures),
          copy.lastActivity,
        );
      }
      this.stmt.insertMember.run(
        member.assignmentId,
        nameKey(member.name),
        member.copyId,
        member.name,
        member.linkId,
        member.joinedAt,
      );
    })();
  }

  async listCopies(assignmentId: string): Promise<CopyRecord[]> {
    return this.stmt.listCopies.all(assignmentId).map(toCopy);
  }

  async listMembers(assignmentId: string): Promise<MemberRecord[]> {
    return this.stmt.listMembers.all(assignmentId).map(toMember);
  }

  async getCopy(mapId: string): Promise<CopyRecord | null> {
    const row = this.stmt.getCopy.get(mapId);
    return row ? toCopy(row) : null;
  }

  async memberByLink(linkId: string): Promise<MemberRecord | null> {
    const row = this.stmt.memberByLink.get(linkId);
    return row ? toMember(row) : null;
  }

  async setGrade(mapId: string, grade: GradeRecord | null): Promise<void> {
    this.stmt.setGrade.run(grade === null ? null : JSON.stringify(grade), mapId);
  }

  async release(mapIds: readonly string[], at: number): Promise<void> {
    this.db.transaction(() => {
      for (const id of mapIds) this.stmt.release.run(at, id);
    })();
  }

  async setFigures(
    mapId: string,
    figures: CopyFigures,
    lastActivity: number | null,
  ): Promise<void> {
    this.stmt.setFigures.run(JSON.stringify(figures), lastActivity, mapId);
  }

  async addActivity(entries: readonly ActivityRecord[]): Promise<void> {
    this.db.transaction(() => {
      for (const e of entries) this.stmt.addActivity.run(e.copyId, e.bucket, e.count);
    })();
  }

  async activity(assignmentId: string, from: number): Promise<ActivityRecord[]> {
    return this.stmt.activity.all(assignmentId, from);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

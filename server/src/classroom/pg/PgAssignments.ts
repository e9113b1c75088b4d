import type { CopyFigures, Rubric } from '@warrant/shared';
import type pg from 'pg';
import { checkout } from '../../storage/pg/checkout.ts';
import { openMigratedPool, type Migration } from '../../storage/pg/migrate.ts';
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

const MIGRATIONS: readonly Migration[] = [
  {
    name: 'classroom-1-assignments',
    sql: `
      CREATE TABLE assignments (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        instructions TEXT NOT NULL,
        due BIGINT,
        grouping TEXT,
        template TEXT NOT NULL,
        source_map TEXT NOT NULL,
        template_map TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        rubric TEXT NOT NULL
      );
      CREATE TABLE assignment_copies (
        map_id TEXT PRIMARY KEY,
        assignment_id TEXT NOT NULL,
        name TEXT NOT NULL,
        group_name TEXT,
        created_at BIGINT NOT NULL,
        grade TEXT,
        released_at BIGINT,
        figures TEXT,
        last_activity BIGINT
      );
      CREATE INDEX assignment_copies_by_assignment ON assignment_copies (assignment_id, created_at);
      CREATE TABLE assignment_members (
        assignment_id TEXT NOT NULL,
        name_key TEXT NOT NULL,
        copy_id TEXT NOT NULL,
        name TEXT NOT NULL,
        link_id TEXT NOT NULL UNIQUE,
        joined_at BIGINT NOT NULL,
        seq BIGSERIAL,
        PRIMARY KEY (assignment_id, name_key)
      );
      CREATE TABLE assignment_activity (
        copy_id TEXT NOT NULL,
        bucket BIGINT NOT NULL,
        count BIGINT NOT NULL,
        PRIMARY KEY (copy_id, bucket)
      );
    `,
  },
];

const COPY_COLUMNS =
  'map_id, assignment_id, name, group_name, created_at, grade, released_at, figures, last_activity';

/** Assignments in PostgreSQL, beside the maps and links (`DATABASE_URL`). */
export class PgAssignments implements AssignmentStore {
  private constructor(private readonly pool: pg.Pool) {}

  static async open(url: string, onIdleError?: (error: Error) => void): Promise<PgAssignments> {
    return new PgAssignments(await openMigratedPool(url, MIGRATIONS, { max: 4, onIdleError }));
  }

  async createAssignment(a: AssignmentRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO assignments (id, title, instructions, due, grouping, template, source_map,
        template_map, created_at, rubric) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
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
      ],
    );
  }

  async getAssignment(id: string): Promise<AssignmentRecord | null> {
    const { rows } = await this.pool.query<AssignmentRow>(
      'SELECT * FROM assignments WHERE id = $1',
      [id],
    );
    return rows[0] ? toAssignment(rows[0]) : null;
  }

  async setRubric(id: string, rubric: Rubric): Promise<void> {
    await this.pool.query('UPDATE assignments SET rubric = $1 WHERE id = $2', [
      JSON.stringify(rubric),
      id,
    ]);
  }

  async join({ copy, member }: { copy: CopyRecord | null; member: MemberRecord }): Promise<void> {
    const taken = await checkout(this.pool);
    const { client } = taken;
    try {
      await client.query('BEGIN');
      if (copy) {
        await client.query(
          `INSERT INTO assignment_copies (${COPY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            copy.mapId,
            copy.assignmentId,
            copy.name,
            copy.group,
            copy.createdAt,
            copy.grade === null ? null : JSON.stringify(copy.grade),
            copy.releasedAt,
            copy.figures === null ? null : JSON.stringify(copy.figures),
            copy.lastActivity,
          ],
        );
      }
      const inserted = await client.query(
        `INSERT INTO assignment_members (assignment_id, name_key, copy_id, name, link_id, joined_at)
          VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (assignment_id, name_key) DO NOTHING`,
        [
          member.assignmentId,
          nameKey(member.name),
          member.copyId,
          member.name,
          member.linkId,
          member.joinedAt,
        ],
      );
      if (inserted.rowCount === 0) throw new NameTakenError(member.name);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      taken.release();
    }
  }

  async listCopies(assignmentId: string): Promise<CopyRecord[]> {
    const { rows } = await this.pool.query<CopyRow>(
      `SELECT ${COPY_COLUMNS} FROM assignment_copies WHERE assignment_id = $1 ORDER BY created_at, map_id`,
      [assignmentId],
    );
    return rows.map(toCopy);
  }

  async listMembers(assignmentId: string): Promise<MemberRecord[]> {
    const { rows } = await this.pool.query<MemberRow>(
      `SELECT assignment_id, copy_id, name, link_id, joined_at FROM assignment_members
        WHERE assignment_id = $1 ORDER BY joined_at, seq`,
      [assignmentId],
    );
    return rows.map(toMember);
  }

  async getCopy(mapId: string): Promise<CopyRecord | null> {
    const { rows } = await this.pool.query<CopyRow>(
      `SELECT ${COPY_COLUMNS} FROM assignment_copies WHERE map_id = $1`,
      [mapId],
    );
    return rows[0] ? toCopy(rows[0]) : null;
  }

  async memberByLink(linkId: string): Promise<MemberRecord | null> {
    const { rows } = await this.pool.query<MemberRow>(
      'SELECT assignment_id, copy_id, name, link_id, joined_at FROM assignment_members WHERE link_id = $1',
      [linkId],
    );
    return rows[0] ? toMember(rows[0]) : null;
  }

  async setGrade(mapId: string, grade: GradeRecord | null): Promise<void> {
    await this.pool.query('UPDATE assignment_copies SET grade = $1 WHERE map_id = $2', [
      grade === null ? null : JSON.stringify(grade),
      mapId,
    ]);
  }

  async release(mapIds: readonly string[], at: number): Promise<void> {
    await this.pool.query(
      'UPDATE assignment_copies SET released_at = $1 WHERE map_id = ANY($2) AND released_at IS NULL',
      [at, [...mapIds]],
    );
  }

  async setFigures(
    mapId: string,
    figures: CopyFigures,
    lastActivity: number | null,
  ): Promise<void> {
    await this.pool.query(
      'UPDATE assignment_copies SET figures = $1, last_activity = coalesce($2, last_activity) WHERE map_id = $3',
      [JSON.stringify(figures), lastActivity, mapId],
    );
  }

  async addActivity(entries: readonly ActivityRecord[]): Promise<void> {
    if (entries.length === 0) return;
    await this.pool.query(
      `INSERT INTO assignment_activity (copy_id, bucket, count)
        SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])
        ON CONFLICT (copy_id, bucket) DO UPDATE
          SET count = assignment_activity.count + excluded.count`,
      [entries.map((e) => e.copyId), entries.map((e) => e.bucket), entries.map((e) => e.count)],
    );
  }

  async activity(assignmentId: string, from: number): Promise<ActivityRecord[]> {
    const { rows } = await this.pool.query<{ copy_id: string; bucket: string; count: string }>(
      `SELECT a.copy_id, a.bucket, a.count
        FROM assignment_activity a JOIN assignment_copies c ON c.map_id = a.copy_id
        WHERE c.assignment_id = $1 AND a.bucket >= $2 ORDER BY a.copy_id, a.bucket`,
      [assignmentId, from],
    );
    return rows.map((r) => ({
      copyId: r.copy_id,
      bucket: Number(r.bucket),
      count: Number(r.count),
    }));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

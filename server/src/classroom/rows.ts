import type { CopyFigures, Grouping, Rubric, TemplateKind } from '@warrant/shared';
import type { AssignmentRecord, CopyRecord, GradeRecord, MemberRecord } from './AssignmentStore.ts';

/**
 * The classroom's rows as both SQL backends read them (SQLite integers and PostgreSQL BIGINT
 * strings alike, hence `Number`), and the records they become. JSON columns hold what one
 * writer writes whole: grouping, rubric, grade, figures.
 */
export interface AssignmentRow {
  id: string;
  title: string;
  instructions: string;
  due: number | null;
  grouping: string | null;
  template: TemplateKind;
  source_map: string;
  template_map: string;
  created_at: number;
  rubric: string;
}

export interface CopyRow {
  map_id: string;
  assignment_id: string;
  name: string;
  group_name: string | null;
  created_at: number;
  grade: string | null;
  released_at: number | null;
  figures: string | null;
  last_activity: number | null;
}

export interface MemberRow {
  assignment_id: string;
  copy_id: string;
  name: string;
  link_id: string;
  joined_at: number;
}

/** The key a name is unique by within an assignment: "Ada" and " ada " are one student. */
export function nameKey(name: string): string {
  return name.trim().toLocaleLowerCase('en');
}

export const toAssignment = (r: AssignmentRow): AssignmentRecord => ({
  id: r.id,
  title: r.title,
  instructions: r.instructions,
  due: r.due === null ? null : Number(r.due),
  grouping: r.grouping === null ? null : (JSON.parse(r.grouping) as Grouping),
  template: r.template,
  sourceMap: r.source_map,
  templateMap: r.template_map,
  createdAt: Number(r.created_at),
  rubric: JSON.parse(r.rubric) as Rubric,
});

export const toCopy = (r: CopyRow): CopyRecord => ({
  mapId: r.map_id,
  assignmentId: r.assignment_id,
  name: r.name,
  group: r.group_name,
  createdAt: Number(r.created_at),
  grade: r.grade === null ? null : (JSON.parse(r.grade) as GradeRecord),
  releasedAt: r.released_at === null ? null : Number(r.released_at),
  figures: r.figures === null ? null : (JSON.parse(r.figures) as CopyFigures),
  lastActivity: r.last_activity === null ? null : Number(r.last_activity),
});

export const toMember = (r: MemberRow): MemberRecord => ({
  assignmentId: r.assignment_id,
  copyId: r.copy_id,
  name: r.name,
  linkId: r.link_id,
  joinedAt: Number(r.joined_at),
});

import type * as Y from 'yjs';
import { ModelError } from '../errors.ts';
import { hasClaim } from '../records/Claim.ts';
import { getPassage } from '../records/Passage.ts';
import { liveRelations } from '../records/Relation.ts';
import { MAX_AUTHOR_FIELD } from './schema.ts';

/**
 * What a thread is on: a claim, a relation (a reason) or a passage of a source, by id. A
 * target names a map record but lives in the review document, so it can outlive the record:
 * a thread on a deleted claim stays, and `targetExists` tells the reader so.
 */
export const TARGET_KINDS = ['claim', 'relation', 'passage'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export interface ReviewTarget {
  kind: TargetKind;
  id: string;
}

/** One string per target (`"claim:<id>"`), for maps of counts and lookups. */
export function targetKey(target: ReviewTarget): string {
  return `${target.kind}:${target.id}`;
}

export function checkTarget(target: ReviewTarget): ReviewTarget {
  if (!TARGET_KINDS.includes(target?.kind)) {
    throw new ModelError(
      `A comment is on a claim, a relation or a passage, not "${String(target?.kind)}".`,
    );
  }
  if (typeof target.id !== 'string' || !target.id || target.id.length > MAX_AUTHOR_FIELD) {
    throw new ModelError('A comment needs the id of what it is on.');
  }
  return { kind: target.kind, id: target.id };
}

export function readTarget(v: unknown): ReviewTarget | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const { kind, id } = v as Record<string, unknown>;
  return TARGET_KINDS.includes(kind as TargetKind) && typeof id === 'string' && id
    ? { kind: kind as TargetKind, id }
    : undefined;
}

/**
 * Whether targets exist in `mapDoc` as a reader sees it (a relation must be live, a passage
 * in a live source). Build once per read, then ask for many targets: the live relations are
 * worked out on the first relation asked about, not per call.
 */
export function targetChecker(mapDoc: Y.Doc): (target: ReviewTarget) => boolean {
  let relations: ReadonlyMap<string, unknown> | undefined;
  return (target) => {
    switch (target.kind) {
      case 'claim':
        return hasClaim(mapDoc, target.id);
      case 'relation':
        relations ??= liveRelations(mapDoc);
        return relations.has(target.id);
      case 'passage':
        return getPassage(mapDoc, target.id) !== undefined;
    }
  };
}

/** Whether one target still exists in the map (false: "on a deleted claim"). */
export function targetExists(mapDoc: Y.Doc, target: ReviewTarget): boolean {
  return targetChecker(mapDoc)(target);
}

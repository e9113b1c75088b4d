import {
  listMarks,
  listSuggestions,
  placeThreads,
  targetChecker,
  type CommentsResponse,
  type MapInfo,
  type ShareLink,
} from '@warrant/shared';
import type * as Y from 'yjs';
import type { Role } from '../auth/Auth.ts';
import type { MapMeta } from '../storage/Storage.ts';

/** What the API shows of stored records: times as ISO strings, never a token. */

export function publicMeta(meta: MapMeta): MapInfo {
  return {
    id: meta.id,
    title: meta.title,
    createdAt: new Date(meta.createdAt).toISOString(),
    updatedAt: new Date(meta.updatedAt).toISOString(),
    syncPath: `/sync/${meta.id}`,
  };
}

export function publicLink(link: {
  id: string;
  role: Role;
  createdAt: number;
  revokedAt: number | null;
  label: string | null;
}): ShareLink {
  return {
    id: link.id,
    role: link.role,
    createdAt: new Date(link.createdAt).toISOString(),
    revokedAt: link.revokedAt === null ? null : new Date(link.revokedAt).toISOString(),
    ...(link.label === null ? {} : { label: link.label }),
  };
}

/**
 * A map's review layer as `GET /api/maps/:id/comments` answers it: every thread (open and
 * resolved) with whether its target is still in the map, every mark and suggestion.
 */
export function commentsAnswer(reviewDoc: Y.Doc, mapDoc: Y.Doc): CommentsResponse {
  const iso = (ms: number) => new Date(ms).toISOString();
  const exists = targetChecker(mapDoc);
  const claimExists = (id: string) => exists({ kind: 'claim', id });
  return {
    threads: placeThreads(reviewDoc, mapDoc, { status: 'all' }).map((t) => ({
      id: t.id,
      target: t.target,
      targetExists: t.targetExists,
      resolved: t.resolved,
      comments: t.comments.map((c) => ({
        id: c.id,
        author: c.author,
        text: c.text,
        createdAt: iso(c.createdAt),
        ...(c.editedAt !== undefined ? { editedAt: iso(c.editedAt) } : {}),
        deleted: c.deleted,
      })),
    })),
    marks: listMarks(reviewDoc).map((m) => ({
      claim: m.claim,
      claimExists: claimExists(m.claim),
      kind: m.kind,
      note: m.note,
      author: m.author,
      createdAt: iso(m.createdAt),
    })),
    suggestions: listSuggestions(reviewDoc).map((s) => ({
      id: s.id,
      kind: s.kind,
      claim: s.claim,
      claimExists: claimExists(s.claim),
      text: s.text,
      ...(s.kind === 'claim' ? { stance: s.stance } : { original: s.original }),
      author: s.author,
      createdAt: iso(s.createdAt),
      status: s.status,
      ...(s.decidedBy && s.decidedAt !== undefined
        ? { decidedBy: s.decidedBy, decidedAt: iso(s.decidedAt) }
        : {}),
      ...(s.kind === 'claim' && s.createdClaim ? { createdClaim: s.createdClaim } : {}),
    })),
  };
}

import type { MapInfo, ShareLink } from '@warrant/shared';
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
}): ShareLink {
  return {
    id: link.id,
    role: link.role,
    createdAt: new Date(link.createdAt).toISOString(),
    revokedAt: link.revokedAt === null ? null : new Date(link.revokedAt).toISOString(),
  };
}

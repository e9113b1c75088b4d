import {
  ANONYMOUS_AUTHOR,
  authorFigures,
  authorOfClients,
  RELAY_AUTHOR_NAME,
  isRole,
  type AuthorInfo,
  type AuthorsResponse,
  type Role,
} from '@warrant/shared';
import type { Request, Response, Router } from 'express';
import * as Y from 'yjs';
import type { MapService } from '../maps/MapService.ts';
import type { ReviewService } from '../maps/openReviews.ts';
import type { AuthorKey, ClientAuthor } from '../storage/Attribution.ts';
import { linkOf } from '../storage/Attribution.ts';
import type { Storage } from '../storage/Storage.ts';
import { HttpError, notFound } from './errors.ts';
import { mapId } from './requests.ts';

/**
 * The name shown for a share link's work. The relay derives one from the role and the link's
 * id until links carry labels (a student's name); the caller plugs those in here.
 */
export type NameOfLink = (linkId: string, role: Role | null) => string | Promise<string>;

/** "Editor link abc123": which link, without giving away its token. */
export const linkNameFromRole: NameOfLink = (linkId, role) =>
  `${role ? role[0]?.toUpperCase() + role.slice(1) : 'Share'} link ${linkId.slice(0, 6)}`;

export interface AuthorsRoutesDeps {
  maps: MapService;
  reviews: ReviewService;
  storage: Storage;
  /** The caller's role on the map, or the `HttpError` that refuses them (api.ts's `roleOn`). */
  roleOn(req: Request, id: string): Promise<Role>;
  nameOfLink: NameOfLink;
}

/**
 * `GET /api/maps/:id/authors`: who did what in the map and its review, for the owner (the
 * instructor), from the relay's record of which link committed each Yjs client id.
 */
export function authorsRoutes(api: Router, deps: AuthorsRoutesDeps): void {
  api.get('/maps/:id/authors', async (req, res: Response<AuthorsResponse>) => {
    const id = mapId(req);
    if (!(await deps.storage.meta(id))) throw notFound(id);
    if ((await deps.roleOn(req, id)) !== 'owner') {
      throw new HttpError(
        403,
        "Only the map's owner can see who wrote what; ask them, or open the map with the owner link.",
      );
    }
    // Documents first, then the record: an update is committed with its authors, so the
    // record read after holds every client id the documents do.
    const mapState = await deps.maps.committedUpdate(id);
    if (!mapState) throw notFound(id);
    const reviewState = await deps.reviews.state(id);
    const records = [...(await deps.storage.authorsOf(id)), ...(await deps.reviews.authorsOf(id))];
    res.json(await answer(mapState, reviewState, records, deps.nameOfLink));
  });
}

async function answer(
  mapState: Uint8Array,
  reviewState: Uint8Array,
  records: readonly ClientAuthor[],
  nameOfLink: NameOfLink,
): Promise<AuthorsResponse> {
  const clients: Record<string, string> = {};
  const seen = new Map<AuthorKey, { role: Role | null; first: number; last: number }>();
  for (const r of records) {
    // A client id is one replica's, so it never appears in both documents' records at once
    // under different authors; if it did, the map's record (listed first) wins.
    clients[String(r.clientId)] ??= r.author;
    const s = seen.get(r.author);
    const role = isRole(r.role) ? r.role : null;
    if (!s) seen.set(r.author, { role, first: r.firstSeen, last: r.lastSeen });
    else
      seen.set(r.author, {
        role: s.role ?? role,
        first: Math.min(s.first, r.firstSeen),
        last: Math.max(s.last, r.lastSeen),
      });
  }
  const mapDoc = new Y.Doc();
  const reviewDoc = new Y.Doc();
  let figures;
  try {
    Y.applyUpdate(mapDoc, mapState);
    Y.applyUpdate(reviewDoc, reviewState);
    figures = new Map(
      authorFigures(mapDoc, reviewDoc, authorOfClients(clients)).map((f) => [f.author, f]),
    );
  } finally {
    mapDoc.destroy();
    reviewDoc.destroy();
  }
  const authors = await Promise.all(
    [...seen].map(async ([author, s]): Promise<AuthorInfo> => {
      const f = figures.get(author);
      const linkId = linkOf(author);
      return {
        id: author,
        kind: linkId !== null ? 'link' : author === ANONYMOUS_AUTHOR ? 'anonymous' : 'relay',
        linkId,
        name:
          linkId !== null
            ? await nameOfLink(linkId, s.role)
            : author === ANONYMOUS_AUTHOR
              ? 'Anyone without a link'
              : RELAY_AUTHOR_NAME,
        role: s.role,
        claims: f?.claims ?? 0,
        words: f?.words ?? 0,
        wordsInOthersClaims: f?.wordsInOthersClaims ?? 0,
        reasons: f?.reasons ?? 0,
        citations: f?.citations ?? 0,
        comments: f?.comments ?? 0,
        firstSeen: new Date(s.first).toISOString(),
        lastSeen: new Date(s.last).toISOString(),
      };
    }),
  );
  authors.sort((a, b) => b.claims - a.claims || b.words - a.words || a.id.localeCompare(b.id));
  return { authors, clients };
}

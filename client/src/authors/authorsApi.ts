import { authorsResponseSchema, type AuthorsResponse } from '@warrant/shared';
import { call } from '../api/request.ts';

/** `GET /api/maps/:id/authors` (owner only): who did what, from the relay's record. */
export function fetchAuthors(mapId: string, token: string | undefined): Promise<AuthorsResponse> {
  return call(`/api/maps/${encodeURIComponent(mapId)}/authors`, authorsResponseSchema, {
    doing: 'Loading who wrote what',
    token,
  });
}

import {
  comparableMap,
  compareCopies,
  compareMaps,
  type ComparableMap,
  type CompareResponse,
  type CopiesComparisonResponse,
  type Role,
} from '@warrant/shared';
import type { Request, Response, Router } from 'express';
import pMap, { pMapSkip } from 'p-map';
import type { MapService } from '../maps/MapService.ts';
import { Limits } from '../protocol/constants.ts';
import type { Storage } from '../storage/Storage.ts';
import { HttpError, notFound } from './errors.ts';

/** Copies read at once for an assignment-wide comparison. */
const READ_CONCURRENCY = 8;

export interface CompareRoutesDeps {
  maps: MapService;
  storage: Storage;
  /** The caller's role on the map, or the `HttpError` that refuses them (api.ts's `roleOn`). */
  roleOn(req: Request, id: string): Promise<Role>;
  /** The map's public role, if everyone may read it. */
  publicRole(id: string): Promise<Role | null>;
}

/**
 * `GET /api/maps/:a/compare/:b` (server/README.md, "Comparing with a reference"): the
 * student's map `a` compared with the reference map `b`, computed on both as committed.
 */
export function compareRoutes(api: Router, deps: CompareRoutesDeps): void {
  api.get('/maps/:a/compare/:b', async (req, res: Response<CompareResponse>) => {
    const a = param(req, 'a');
    const b = param(req, 'b');
    await readable(req, a, deps);
    await readable(req, b, deps);
    const [student, reference] = await Promise.all([
      read(deps.maps, a),
      a === b ? null : read(deps.maps, b),
    ]);
    res.json(compareMaps(student, reference ?? student));
  });
}

/**
 * One reference compared with many copies (an assignment's), each read as committed: for
 * `GET /api/assignments/:id/compare`, whose route checks that the caller owns the assignment.
 * Copies that no longer exist are left out. Resolves null if the reference does not exist.
 */
export async function compareWithCopies(
  maps: MapService,
  reference: string,
  copies: readonly string[],
): Promise<CopiesComparisonResponse | null> {
  const ref = await maps.read(reference, comparableMap);
  if (!ref) return null;
  // A few at a time: each read may load the copy from storage (a round trip on PostgreSQL).
  const read = await pMap(
    copies,
    async (id) => {
      const doc = await maps.read(id, comparableMap);
      return doc ? { id, doc } : pMapSkip;
    },
    { concurrency: READ_CONCURRENCY },
  );
  return compareCopies(ref, read);
}

/**
 * Whether the caller may read `id`: by their bearer token as every route decides it
 * (`roleOn`), or, when the token is for another map, because the map is public, so a
 * student's token compares their copy with a public reference.
 */
async function readable(req: Request, id: string, deps: CompareRoutesDeps): Promise<void> {
  if (!(await deps.storage.meta(id))) throw notFound(id);
  try {
    await deps.roleOn(req, id);
  } catch (error) {
    if (error instanceof HttpError && error.status === 403 && (await deps.publicRole(id))) return;
    if (error instanceof HttpError && error.status === 403) {
      throw new HttpError(
        403,
        `That share link is not for map "${id}", and that map is not public: a comparison needs a link that can read both maps.`,
      );
    }
    throw error;
  }
}

async function read(maps: MapService, id: string): Promise<ComparableMap> {
  const map = await maps.read(id, comparableMap);
  if (!map) throw notFound(id);
  return map;
}

function param(req: Request, name: 'a' | 'b'): string {
  const id = String(req.params[name]);
  if (!Limits.mapIdPattern.test(id)) throw notFound(id);
  return id;
}

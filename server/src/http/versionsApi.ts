import {
  exportFileName,
  MAX_VERSION_NAME,
  permissionsOf,
  readMeta,
  type DiffResponse,
  type NewVersionResponse,
  type RestoreResponse,
  type Role,
  type VersionInfo,
  type VersionListResponse,
} from '@warrant/shared';
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Storage } from '../storage/Storage.ts';
import type { VersionMeta } from '../storage/Versions.ts';
import type { MapState, VersionService } from '../versions/VersionService.ts';
import { UnknownVersionError } from '../versions/VersionService.ts';
import { badBody, HttpError, notFound } from './errors.ts';
import { exportFormat, mapId } from './requests.ts';

export interface VersionRoutesDeps {
  versions: VersionService;
  storage: Storage;
  /** The caller's role on the map, or the `HttpError` that refuses them (api.ts's `roleOn`). */
  roleOn(req: Request, id: string): Promise<Role>;
}

const newVersionBody = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(MAX_VERSION_NAME),
  /** The name the saver goes by on the map, if their client says it; else their role is shown. */
  author: z.string().trim().max(100).optional(),
});

const VERSION_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * The versions and diff routes under `/api/maps/:id` (server/README.md): anyone who may read
 * the map lists, exports and compares its versions; owners and editors save and restore.
 */
export function versionRoutes(api: Router, { versions, storage, roleOn }: VersionRoutesDeps) {
  /** The map's id after checking it exists and the caller may read it; their role. */
  async function reader(req: Request): Promise<{ id: string; role: Role }> {
    const id = mapId(req);
    if (!(await storage.meta(id))) throw notFound(id);
    return { id, role: await roleOn(req, id) };
  }

  function requireEditor(role: Role, doing: string): void {
    if (!permissionsOf(role).canEdit) {
      throw new HttpError(
        403,
        `Only the map's owner or an editor can ${doing}; this link lets you read the map and its versions.`,
      );
    }
  }

  api.get('/maps/:id/versions', async (req, res: Response<VersionListResponse>) => {
    const { id } = await reader(req);
    res.json({ versions: (await versions.list(id)).map(publicVersion) });
  });

  api.post('/maps/:id/versions', async (req, res: Response<NewVersionResponse>) => {
    const { id, role } = await reader(req);
    requireEditor(role, 'save versions');
    const parsed = newVersionBody.safeParse(req.body);
    if (!parsed.success) throw badBody(parsed.error);
    const saved = await versions.save(id, {
      name: parsed.data.name,
      author: parsed.data.author || role,
      auto: false,
    });
    if (!saved) throw notFound(id);
    res.status(201).location(`/api/maps/${id}/versions/${saved.id}`).json(publicVersion(saved));
  });

  /** The version as a file in `?format=` (default Warrant JSON), as `GET .../export` offers. */
  api.get('/maps/:id/versions/:v/export', async (req, res) => {
    const format = exportFormat(req.query.format);
    const { id } = await reader(req);
    const v = versionId(req, id);
    const [meta] = (await versions.list(id)).filter((m) => m.id === v);
    const file = await known(
      versions.read(id, v, (doc) => ({ body: format.export(doc), title: readMeta(doc).title })),
    );
    res
      .attachment(exportFileName(`${file.title} - ${meta?.name ?? v}`, format))
      .type(format.mediaType)
      .send(typeof file.body === 'string' ? file.body : Buffer.from(file.body));
  });

  api.post('/maps/:id/versions/:v/restore', async (req, res: Response<RestoreResponse>) => {
    const { id, role } = await reader(req);
    requireEditor(role, 'restore versions');
    const restored = await known(versions.restore(id, versionId(req, id)));
    if (!restored) throw notFound(id);
    res.json({ restored: publicVersion(restored.version), changes: restored.changes });
  });

  api.get('/maps/:id/diff', async (req, res: Response<DiffResponse>) => {
    const { id } = await reader(req);
    const from = stateOf(req.query.from, 'from', id, null);
    const to = stateOf(req.query.to, 'to', id, 'current');
    const diff = await known(versions.diff(id, from, to));
    if (!diff) throw notFound(id);
    res.json(diff);
  });
}

/** A version as the API shows it: time as ISO, the change counts the model names. */
export function publicVersion(v: VersionMeta): VersionInfo {
  return {
    id: v.id,
    name: v.name,
    createdAt: new Date(v.createdAt).toISOString(),
    author: v.author,
    auto: v.auto,
    changes: {
      added: v.changes.added ?? 0,
      removed: v.changes.removed ?? 0,
      changed: v.changes.changed ?? 0,
    },
  };
}

function versionId(req: Request, mapId: string): string {
  const v = String(req.params.v);
  if (!VERSION_ID.test(v)) throw unknownVersion(mapId, v);
  return v;
}

/** `?from=` / `?to=`: a version id or `current`; `fallback` when absent (null: required). */
function stateOf(query: unknown, name: string, mapId: string, fallback: MapState | null): MapState {
  if (query === undefined && fallback) return fallback;
  if (query === 'current') return 'current';
  if (typeof query === 'string' && VERSION_ID.test(query)) return { version: query };
  if (typeof query === 'string') throw unknownVersion(mapId, query);
  throw new HttpError(
    400,
    `Name the versions to compare: ?${name}= a version id (from GET /api/maps/${mapId}/versions) or "current".`,
  );
}

/** A version that does not exist becomes a 404 naming it. */
async function known<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof UnknownVersionError) throw unknownVersion(error.mapId, error.versionId);
    throw error;
  }
}

function unknownVersion(mapId: string, v: string): HttpError {
  return new HttpError(
    404,
    `This map has no version "${v.slice(0, 40)}". List its versions with GET /api/maps/${mapId}/versions.`,
  );
}

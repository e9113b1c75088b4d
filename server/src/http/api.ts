import {
  DEFAULT_FORMAT,
  detectFormat,
  EXPORT_FORMAT_IDS,
  exportFileName,
  IMPORT_FORMAT_IDS,
  formatById,
  formats,
  MapImportError,
  MAX_TITLE_LENGTH,
  ModelError,
  readMeta,
  type CreatedMapResponse,
  type ErrorResponse,
  type Format,
  type ImportedMapResponse,
  type LinkListResponse,
  type MapInfo,
  type MapListResponse,
  type MapResponse,
  type NewLinkResponse,
  type ShareLink,
} from '@warrant/shared';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AuthStore, Role } from '../auth/Auth.ts';
import { SHARE_ROLES } from '../auth/Auth.ts';
import { roleFor, type AccessDeps, type Denial } from '../auth/access.ts';
import type { MapService } from '../maps/MapService.ts';
import { Limits } from '../protocol/constants.ts';
import { MapTooNewError } from '../rooms/MapModel.ts';
import type { MapMeta, Storage } from '../storage/Storage.ts';
import { asStorageUnavailable } from '../storage/Storage.ts';
import type { StorageHealth } from '../storage/StorageHealth.ts';

export interface ApiDeps {
  maps: MapService;
  storage: Storage;
  auth: AuthStore;
  /** The relay's `roleFor` inputs, shared with sync connections. */
  access: AccessDeps;
  logger: Logger;
  /** Told when a write fails because storage cannot take it. */
  health: StorageHealth;
  maxBodyBytes: number;
  /** Maps open to everyone on this relay, under their live titles. */
  publicMaps(): Promise<MapMeta[]>;
  /** Called after a link is revoked, to close the connections it opened. */
  onRevoke(linkId: string): void;
}

const newLinkBody = z.object({ role: z.enum(SHARE_ROLES) });

const newMapBody = z.object({
  title: z.string().trim().min(1, 'must not be empty').max(MAX_TITLE_LENGTH),
});

/** An error a person caused, with the status and message they should see. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: readonly string[],
  ) {
    super(message);
  }
}

/** The JSON API under `/api`. Every failure answers JSON `{ error, details? }`. */
export function apiRouter({
  maps,
  storage,
  auth,
  access,
  logger,
  health,
  maxBodyBytes,
  publicMaps,
  onRevoke,
}: ApiDeps): express.Router {
  const api = express.Router();
  api.use(express.json({ limit: maxBodyBytes }));

  /**
   * The caller's role on a map (`roleFor`, as sync connections get it): from
   * `Authorization: Bearer <token>`, or the map's public role without one. 404 for no such
   * map, 401 for no or a bad token, 403 for another map's token.
   */
  async function roleOn(req: Request, id: string): Promise<Role> {
    const header = req.get('authorization');
    const token = header ? (/^Bearer (\S+)$/i.exec(header)?.[1] ?? null) : null;
    // A header that is not a bearer token is a bad token, never "no token" (public access).
    const decided =
      header && token === null
        ? ({ granted: false, why: 'bad-token' } as const)
        : await roleFor(access, id, token);
    if (decided.granted) return decided.role;
    throw denied(decided.why, id);
  }

  async function requireOwner(req: Request, id: string): Promise<void> {
    if ((await roleOn(req, id)) !== 'owner') {
      throw new HttpError(403, "Only the map's owner can manage its share links.");
    }
  }

  async function created(meta: MapMeta): Promise<CreatedMapResponse> {
    const owner = await auth.createLink(meta.id, 'owner');
    return { ...publicMeta(meta), role: 'owner', ownerToken: owner.token };
  }

  /** Maps open to everyone on this relay (the sample map): private maps are never listed. */
  api.get('/maps', async (_req, res: Response<MapListResponse>) => {
    const list = await publicMaps();
    res.json({
      maps: await Promise.all(
        list.map(async (m) => ({ ...publicMeta(m), publicRole: await auth.publicRole(m.id) })),
      ),
    });
  });

  api.post('/maps', async (req, res: Response<CreatedMapResponse>) => {
    const parsed = newMapBody.safeParse(req.body);
    if (!parsed.success) throw badBody(parsed.error);
    const meta = await maps.create(parsed.data.title).catch(asBadRequest);
    res
      .status(201)
      .location(`/api/maps/${meta.id}`)
      .json(await created(meta));
  });

  /**
   * A map from a file: Warrant JSON as `application/json`, or any importable format as a raw
   * body (`?format=` optional when the content tells; see `detectFormat`). Nothing is stored
   * unless the whole file imports.
   */
  const rawBody = express.raw({ type: () => true, limit: maxBodyBytes });
  api.post('/maps/import', rawBody, async (req, res: Response<ImportedMapResponse>) => {
    const body: unknown = req.body;
    const raw = Buffer.isBuffer(body) ? new Uint8Array(body) : null;
    if (raw && raw.byteLength > Limits.maxImportBytes && req.query.format !== DEFAULT_FORMAT) {
      throw new HttpError(
        413,
        `That file is ${(raw.byteLength / 1e6).toFixed(1)} MB; files in other formats than ` +
          `Warrant JSON may be at most ${Limits.maxImportBytes / 1e6} MB. Split it, or import it as JSON.`,
      );
    }
    const format = importFormat(req.query.format, raw);
    const title = importTitle(req.query.title);
    const { meta, report } = await maps
      .import(raw ?? body, format, title === undefined ? {} : { title })
      .catch(asBadRequest);
    res
      .status(201)
      .location(`/api/maps/${meta.id}`)
      .json({ ...(await created(meta)), import: report });
  });

  api.get('/maps/:id', async (req, res: Response<MapResponse>) => {
    const id = mapId(req);
    const meta = await storage.meta(id);
    if (!meta) throw notFound(id);
    const role = await roleOn(req, id);
    const live = await maps.describe(id);
    if (!live) throw notFound(id);
    res.json({
      ...publicMeta({ ...meta, title: live.meta.title || meta.title }),
      role,
      schemaVersion: live.meta.schemaVersion,
      stats: live.stats,
    });
  });

  /** The map as a file in `?format=` (default Warrant JSON), offered for download. */
  api.get('/maps/:id/export', async (req, res) => {
    const format = exportFormat(req.query.format);
    const id = mapId(req);
    if (!(await storage.meta(id))) throw notFound(id);
    await roleOn(req, id);
    const file = await maps.read(id, (doc) => ({
      body: format.export(doc),
      title: readMeta(doc).title,
    }));
    if (!file) throw notFound(id);
    res
      .attachment(exportFileName(file.title, format))
      .type(format.mediaType)
      .send(typeof file.body === 'string' ? file.body : Buffer.from(file.body));
  });

  api.get('/maps/:id/links', async (req, res: Response<LinkListResponse>) => {
    const id = mapId(req);
    if (!(await storage.meta(id))) throw notFound(id);
    await requireOwner(req, id);
    res.json({ links: (await auth.listLinks(id)).map(publicLink) });
  });

  api.post('/maps/:id/links', async (req, res: Response<NewLinkResponse>) => {
    const id = mapId(req);
    if (!(await storage.meta(id))) throw notFound(id);
    await requireOwner(req, id);
    const parsed = newLinkBody.safeParse(req.body);
    if (!parsed.success) throw badBody(parsed.error);
    const link = await auth.createLink(id, parsed.data.role);
    res
      .status(201)
      .location(`/api/maps/${id}/links/${link.id}`)
      .json({ ...publicLink(link), role: parsed.data.role, token: link.token });
  });

  api.delete('/maps/:id/links/:linkId', async (req, res) => {
    const id = mapId(req);
    if (!(await storage.meta(id))) throw notFound(id);
    await requireOwner(req, id);
    const linkId = String(req.params.linkId);
    const link = (await auth.listLinks(id)).find((l) => l.id === linkId);
    if (!link) throw new HttpError(404, `This map has no share link "${linkId}".`);
    if (link.role === 'owner') {
      throw new HttpError(400, 'The owner link cannot be revoked; it is how you manage this map.');
    }
    await auth.revokeLink(id, linkId);
    onRevoke(linkId);
    res.status(204).end();
  });

  api.use((req) => {
    throw new HttpError(404, `No API route ${req.method} ${req.path}`);
  });

  api.use((error: unknown, _req: Request, res: Response<ErrorResponse>, next: NextFunction) => {
    void next;
    const down = asStorageUnavailable(error);
    if (down) health.fail(down);
    const http = down
      ? new HttpError(
          503,
          `The relay cannot save right now (${down.message}); nothing was changed. Try again later.`,
        )
      : toHttpError(error);
    if (http.status >= 500) logger.error({ err: error }, 'API request failed');
    res.status(http.status).json({
      error: http.message,
      ...(http.details ? { details: [...http.details] } : {}),
    });
  });
  return api;
}

function publicMeta(meta: MapMeta): MapInfo {
  return {
    id: meta.id,
    title: meta.title,
    createdAt: new Date(meta.createdAt).toISOString(),
    updatedAt: new Date(meta.updatedAt).toISOString(),
    syncPath: `/sync/${meta.id}`,
  };
}

function publicLink(link: {
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

/** The format `?format=` names (Warrant JSON when absent); 400 naming the known ones if none. */
function exportFormat(query: unknown): Format & Required<Pick<Format, 'export'>> {
  const format =
    query === undefined
      ? formats[DEFAULT_FORMAT]
      : typeof query === 'string'
        ? formatById(query)
        : undefined;
  if (format?.export) return { ...format, export: format.export };
  const known = EXPORT_FORMAT_IDS.map((id) => `${id} (${formats[id].name})`).join(', ');
  const asked =
    typeof query === 'string'
      ? `There is no export format "${query.slice(0, 40)}"`
      : 'Name one export format';
  throw new HttpError(
    400,
    `${asked}. Known formats: ${known}; without ?format= a map exports as ${DEFAULT_FORMAT}.`,
  );
}

/**
 * The format an import is in: `?format=` when given (400 naming the importable ones if it
 * names none), else Warrant JSON for a parsed JSON body, else told from the content.
 */
function importFormat(query: unknown, raw: Uint8Array | null): Format {
  const known = IMPORT_FORMAT_IDS.map((id) => `${id} (${formats[id].name})`).join(', ');
  if (query !== undefined) {
    const format = typeof query === 'string' ? formatById(query) : undefined;
    if (format?.import) return format;
    const asked =
      typeof query === 'string'
        ? `There is no import format "${query.slice(0, 40)}"`
        : 'Name one import format';
    throw new HttpError(400, `${asked}. Formats that can be imported: ${known}.`);
  }
  if (!raw) return formats.json;
  const head = new TextDecoder('utf-8', { fatal: false }).decode(raw.subarray(0, 64 * 1024));
  // The whole file for JSON-based formats (their type is in a key anywhere), the head otherwise.
  const text = head.trimStart().startsWith('{') ? new TextDecoder().decode(raw) : head;
  const id = detectFormat(text);
  if (id) return formats[id];
  throw new HttpError(
    400,
    `Warrant could not tell what format this file is in. Name it with ?format= (${known}).`,
  );
}

/** `?title=`: the imported map's title instead of the file's, if given once. */
function importTitle(query: unknown): string | undefined {
  if (query === undefined || typeof query === 'string') return query;
  throw new HttpError(400, 'Give ?title= once, as the title the imported map should have.');
}

function mapId(req: Request): string {
  const id = String(req.params.id);
  if (!Limits.mapIdPattern.test(id)) throw notFound(id);
  return id;
}

const DENIALS: Record<Exclude<Denial, 'no-map'>, [number, string]> = {
  'no-token': [401, 'This map needs a share link: send its token as a Bearer token.'],
  'bad-token': [401, 'That share link is not valid or was revoked.'],
  'other-map': [403, 'That share link is for another map.'],
};

function denied(why: Denial, id: string): HttpError {
  if (why === 'no-map') return notFound(id);
  const [status, message] = DENIALS[why];
  return new HttpError(status, message);
}

function notFound(id: string): HttpError {
  return new HttpError(404, `No map with id "${id}". Check the link, or create a map first.`);
}

function badBody(error: z.ZodError): HttpError {
  const details = error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
  return new HttpError(400, `Invalid request body: ${details.join('; ')}`, details);
}

/** Model validation failures are the caller's fault: 400 with the model's own message. */
function asBadRequest(error: unknown): never {
  if (error instanceof MapImportError) throw new HttpError(400, error.message, error.issues);
  if (error instanceof ModelError) throw new HttpError(400, error.message);
  throw error;
}

interface BodyParserError {
  type: string;
  status?: number;
  limit?: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && 'type' in error;
}

/**
 * An error from Express or Node's HTTP stack that is the caller's fault (a path that does
 * not percent-decode, a body declared gzip that is not), as the 4xx to answer, or null.
 */
export function clientError(error: unknown): HttpError | null {
  if (typeof error !== 'object' || error === null) return null;
  const { status, statusCode, code } = error as {
    status?: unknown;
    statusCode?: unknown;
    code?: unknown;
  };
  if (typeof code === 'string' && /^Z_(DATA|BUF)_ERROR$/.test(code)) {
    return new HttpError(400, 'The request body could not be decompressed.');
  }
  const given =
    typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : null;
  if (given === null || given < 400 || given >= 500) return null;
  if (
    error instanceof URIError ||
    (error instanceof Error && /decode param/i.test(error.message))
  ) {
    return new HttpError(given, 'The address holds a malformed percent-encoding.');
  }
  return new HttpError(given, given === 404 ? 'Not found.' : 'Bad request.');
}

function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof MapTooNewError) return new HttpError(409, error.message);
  if (isBodyParserError(error)) {
    if (error.type === 'entity.too.large') {
      return new HttpError(
        413,
        `Request body too large: the limit is ${error.limit} bytes. Split the import or raise WARRANT_MAX_BODY_BYTES.`,
      );
    }
    if (error.type === 'entity.parse.failed') {
      return new HttpError(400, 'Request body is not valid JSON.');
    }
    if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
      return new HttpError(error.status, `Bad request (${error.type}).`);
    }
  }
  const mine = clientError(error);
  if (mine) return mine;
  return new HttpError(500, 'Internal error; the relay log has the details.');
}

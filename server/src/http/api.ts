import {
  checks,
  DEFAULT_FORMAT,
  evaluate,
  evaluationInput,
  EVALUATION_MODES,
  EVALUATION_SEMANTICS,
  type EvaluationResponse,
  exportFileName,
  MAX_TITLE_LENGTH,
  readMeta,
  type CommentsResponse,
  type CreatedMapResponse,
  type ErrorResponse,
  type ImportedMapResponse,
  type LinkListResponse,
  type MapListResponse,
  type MapResponse,
  type NewLinkResponse,
} from '@warrant/shared';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { z } from 'zod';
import type { AuthStore, Role } from '../auth/Auth.ts';
import { SHARE_ROLES } from '../auth/Auth.ts';
import { roleFor, type AccessDeps } from '../auth/access.ts';
import type { MapService } from '../maps/MapService.ts';
import type { ReviewService } from '../maps/openReviews.ts';
import { Limits } from '../protocol/constants.ts';
import type { MapMeta, Storage } from '../storage/Storage.ts';
import { asStorageUnavailable } from '../storage/Storage.ts';
import type { StorageHealth } from '../storage/StorageHealth.ts';
import type { VersionService } from '../versions/VersionService.ts';
import { authorsRoutes, linkNameFromRole, type NameOfLink } from './authorsApi.ts';
import { compareRoutes } from './compareApi.ts';
import { versionRoutes } from './versionsApi.ts';

export interface ApiDeps {
  maps: MapService;
  /** The maps' review documents (comments, marks, suggestions). */
  reviews: ReviewService;
  /** Saved versions of maps, their diffs and restores (versionsApi.ts). */
  versions: VersionService;
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
  /** The name shown for a share link's work (authorsApi.ts); derived from its role if not given. */
  nameOfLink?: NameOfLink;
}

const newLinkBody = z.object({ role: z.enum(SHARE_ROLES) });

const newMapBody = z.object({
  title: z.string().trim().min(1, 'must not be empty').max(MAX_TITLE_LENGTH),
});

import { commentsAnswer, publicLink, publicMeta } from './answers.ts';
import { asBadRequest, badBody, denied, HttpError, notFound, toHttpError } from './errors.ts';
import { choice, exportFormat, importFormat, importTitle, mapId } from './requests.ts';

export { clientError, HttpError } from './errors.ts';

/** The JSON API under `/api`. Every failure answers JSON `{ error, details? }`. */
export function apiRouter({
  maps,
  reviews,
  versions,
  storage,
  auth,
  access,
  logger,
  health,
  maxBodyBytes,
  publicMaps,
  onRevoke,
  nameOfLink = linkNameFromRole,
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
  /**
   * Which claims stand (shared/EVALUATION.md), computed on the committed map: grounded or
   * preferred semantics, attack-only or burden-of-proof mode, plus the author's checks.
   */
  api.get('/maps/:id/evaluation', async (req, res: Response<EvaluationResponse>) => {
    const semantics = choice(req.query.semantics, 'semantics', EVALUATION_SEMANTICS);
    const mode = choice(req.query.mode, 'mode', EVALUATION_MODES);
    const id = mapId(req);
    if (!(await storage.meta(id))) throw notFound(id);
    await roleOn(req, id);
    const answer = await maps.read(id, (doc) => {
      const graph = evaluationInput(doc);
      return { ...evaluate(graph, { semantics, mode }), checks: checks(graph) };
    });
    if (!answer) throw notFound(id);
    res.json(answer);
  });

  /**
   * The map's review layer as committed (threads with whether what they are on still exists,
   * marks, suggestions), for anyone who may read the map.
   */
  api.get('/maps/:id/comments', async (req, res: Response<CommentsResponse>) => {
    const id = mapId(req);
    if (!(await storage.meta(id))) throw notFound(id);
    await roleOn(req, id);
    const state = await reviews.state(id);
    const answer = await maps.read(id, (mapDoc) => {
      const reviewDoc = new Y.Doc();
      try {
        Y.applyUpdate(reviewDoc, state);
        return commentsAnswer(reviewDoc, mapDoc);
      } finally {
        reviewDoc.destroy();
      }
    });
    if (!answer) throw notFound(id);
    res.json(answer);
  });

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

  versionRoutes(api, { versions, storage, roleOn });
  authorsRoutes(api, { maps, reviews, storage, roleOn, nameOfLink });
  compareRoutes(api, { maps, storage, roleOn, publicRole: (id) => auth.publicRole(id) });

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

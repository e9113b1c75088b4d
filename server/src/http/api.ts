import {
  exportMap,
  MapImportError,
  mapStats,
  MAX_TITLE_LENGTH,
  ModelError,
  readMeta,
} from '@warrant/shared';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { MapService } from '../maps/MapService.ts';
import { Limits } from '../protocol/constants.ts';
import { MapTooNewError } from '../rooms/MapModel.ts';
import type { MapMeta, Storage } from '../storage/Storage.ts';

export interface ApiDeps {
  maps: MapService;
  storage: Storage;
  logger: Logger;
  maxBodyBytes: number;
}

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
export function apiRouter({ maps, storage, logger, maxBodyBytes }: ApiDeps): express.Router {
  const api = express.Router();
  api.use(express.json({ limit: maxBodyBytes }));

  api.get('/maps', async (_req, res) => {
    res.json({ maps: (await maps.list()).map(publicMeta) });
  });

  api.post('/maps', async (req, res) => {
    const parsed = newMapBody.safeParse(req.body);
    if (!parsed.success) throw badBody(parsed.error);
    const meta = await maps.create(parsed.data.title).catch(asBadRequest);
    res.status(201).location(`/api/maps/${meta.id}`).json(publicMeta(meta));
  });

  api.post('/maps/import', async (req, res) => {
    const meta = await maps.import(req.body).catch(asBadRequest);
    res.status(201).location(`/api/maps/${meta.id}`).json(publicMeta(meta));
  });

  api.get('/maps/:id', async (req, res) => {
    const id = mapId(req);
    const meta = await storage.meta(id);
    const live = await maps.read(id, (doc) => ({ meta: readMeta(doc), stats: mapStats(doc) }));
    if (!meta || !live) throw notFound(id);
    res.json({
      ...publicMeta({ ...meta, title: live.meta.title || meta.title }),
      schemaVersion: live.meta.schemaVersion,
      stats: live.stats,
    });
  });

  api.get('/maps/:id/export', async (req, res) => {
    const id = mapId(req);
    const json = await maps.read(id, exportMap);
    if (!json) throw notFound(id);
    res.json(json);
  });

  api.use((req) => {
    throw new HttpError(404, `No API route ${req.method} ${req.path}`);
  });

  api.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    void next;
    const http = toHttpError(error);
    if (http.status >= 500) logger.error({ err: error }, 'API request failed');
    res.status(http.status).json({
      error: http.message,
      ...(http.details ? { details: http.details } : {}),
    });
  });
  return api;
}

function publicMeta(meta: MapMeta) {
  return {
    id: meta.id,
    title: meta.title,
    createdAt: new Date(meta.createdAt).toISOString(),
    updatedAt: new Date(meta.updatedAt).toISOString(),
    syncPath: `/sync/${meta.id}`,
  };
}

function mapId(req: Request): string {
  const id = String(req.params.id);
  if (!Limits.mapIdPattern.test(id)) throw notFound(id);
  return id;
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
  return new HttpError(500, 'Internal error; the relay log has the details.');
}

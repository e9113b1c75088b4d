import { MapImportError, ModelError } from '@warrant/shared';
import type { z } from 'zod';
import type { Denial } from '../auth/access.ts';
import { MapTooNewError } from '../rooms/MapModel.ts';

/**
 * How the API words a failure: every error a person can cause becomes an `HttpError` with its
 * status and a message saying what happened and what to do; anything else is a 500 that
 * shows no stack.
 */
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

export const DENIALS: Record<Exclude<Denial, 'no-map'>, [number, string]> = {
  'no-token': [401, 'This map needs a share link: send its token as a Bearer token.'],
  'bad-token': [401, 'That share link is not valid or was revoked.'],
  'other-map': [403, 'That share link is for another map.'],
  'not-released': [
    403,
    "Your instructor's comments on this copy are not released yet; they show here once they are.",
  ],
};

export function denied(why: Denial, id: string): HttpError {
  if (why === 'no-map') return notFound(id);
  const [status, message] = DENIALS[why];
  return new HttpError(status, message);
}

export function notFound(id: string): HttpError {
  return new HttpError(404, `No map with id "${id}". Check the link, or create a map first.`);
}

export function badBody(error: z.ZodError): HttpError {
  const details = error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
  return new HttpError(400, `Invalid request body: ${details.join('; ')}`, details);
}

/** Model validation failures are the caller's fault: 400 with the model's own message. */
export function asBadRequest(error: unknown): never {
  if (error instanceof MapImportError) throw new HttpError(400, error.message, error.issues);
  if (error instanceof ModelError) throw new HttpError(400, error.message);
  throw error;
}

export interface BodyParserError {
  type: string;
  status?: number;
  limit?: number;
}

export function isBodyParserError(error: unknown): error is BodyParserError {
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

export function toHttpError(error: unknown): HttpError {
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

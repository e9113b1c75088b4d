import {
  ApiResponseError,
  canEdit,
  createdMapResponseSchema,
  decodeApiResponse,
  errorResponseSchema,
  importedMapResponseSchema,
  linkListResponseSchema,
  mapListResponseSchema,
  newLinkResponseSchema,
  type CreatedMapResponse,
  type FormatId,
  type ImportedMapResponse,
  type ListedMap,
  type NewLinkResponse,
  type ShareLink,
  type ShareRole,
} from '@warrant/shared';
import { decoded, refusal } from './request.ts';

/**
 * The relay's HTTP API, its answers decoded with the shared protocol's schemas
 * (shared/src/protocol/api.ts): an answer this build does not understand is an Error saying
 * so, never a half-read object.
 */

/** A map as the relay lists it (`GET /api/maps`). */
export type MapSummary = ListedMap & {
  /** Never sent: the relay lists only public maps and does not mark the sample. */
  sample?: never;
};

/** A map just created, with the owner's token, which the relay shows only this once. */
export type CreatedMap = CreatedMapResponse & {
  /** Never sent: the owner's token is `ownerToken`. */
  token?: never;
};

/** `POST /api/maps {title}`: the relay creates the map's document and returns its id. */
export async function createMapOnRelay(title: string): Promise<CreatedMap> {
  const response = await fetch('/api/maps', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  return decoded(response, createdMapResponseSchema, 'Creating the map');
}

/** A map just imported: as `CreatedMap`, plus what came in and what did not. */
export type ImportedMap = ImportedMapResponse & { token?: never };

/** How to send an import; see `importMapOnRelay`. */
export interface ImportOptions {
  /** Sent as `?format=`; without it the relay tells the format from the content. */
  format?: FormatId;
  /** The file's name, for messages; the relay never sees it. */
  fileName?: string;
  /** Bytes sent so far of all there are, while the body uploads. */
  onProgress?: (sent: number, total: number) => void;
}

/**
 * The relay refused an import. Its `error` is written for a person (an Argdown syntax error
 * names its line), so it is the message; `details` lists further problems, one per line.
 */
export class ImportRefusedError extends Error {
  override readonly name = 'ImportRefusedError';
  constructor(
    message: string,
    readonly status: number,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

/**
 * `POST /api/maps/import`: the file's text as a raw body, answered like `POST /api/maps`
 * plus the import's report; nothing is stored unless the whole file imports. Sent with
 * XMLHttpRequest, since fetch reports no upload progress.
 */
export function importMapOnRelay(
  body: string,
  { format, fileName, onProgress }: ImportOptions = {},
): Promise<ImportedMap> {
  const doing = fileName ? `Importing “${fileName}”` : 'Importing the map';
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/maps/import${format ? `?format=${encodeURIComponent(format)}` : ''}`);
    xhr.setRequestHeader('content-type', 'text/plain; charset=utf-8');
    if (onProgress) {
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(e.loaded, e.total);
      };
    }
    xhr.onload = () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        parsed = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        if (parsed === undefined) return reject(new ApiResponseError(['body: not JSON'], doing));
        try {
          resolve(decodeApiResponse(importedMapResponseSchema, parsed, doing));
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
        return;
      }
      const refusal = errorResponseSchema.safeParse(parsed);
      reject(
        refusal.success
          ? new ImportRefusedError(refusal.data.error, xhr.status, refusal.data.details)
          : new ImportRefusedError(`${doing} failed (${xhr.status}).`, xhr.status),
      );
    };
    xhr.onerror = () =>
      reject(new Error(`${doing} failed: the Warrant server could not be reached.`));
    xhr.send(body);
  });
}

/** `GET /api/maps`: the maps open to everyone on this relay (the sample among them). */
export async function listMapsOnRelay(): Promise<MapSummary[]> {
  const response = await fetch('/api/maps');
  return (await decoded(response, mapListResponseSchema, 'Listing maps')).maps;
}

export type { Role, ShareRole } from '@warrant/shared';

/** A share link as the owner sees it in the list (the token is shown only once, at creation). */
export type LinkInfo = ShareLink;

/** A share link just made, with its token. */
export type NewLink = NewLinkResponse;

function bearer(token: string | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/**
 * Whether a role may change the map: owners and editors. Not viewers, not an unknown role
 * (not said yet, or one this build does not know, such as a future commenter).
 */
export const canEditAs = canEdit;

export async function listLinks(mapId: string, token: string): Promise<LinkInfo[]> {
  const response = await fetch(`/api/maps/${encodeURIComponent(mapId)}/links`, {
    headers: bearer(token),
  });
  return (await decoded(response, linkListResponseSchema, 'Listing share links')).links;
}

export async function createLink(mapId: string, token: string, role: ShareRole): Promise<NewLink> {
  const response = await fetch(`/api/maps/${encodeURIComponent(mapId)}/links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(token) },
    body: JSON.stringify({ role }),
  });
  return decoded(response, newLinkResponseSchema, 'Creating the link');
}

export async function revokeLink(mapId: string, token: string, linkId: string): Promise<void> {
  const response = await fetch(
    `/api/maps/${encodeURIComponent(mapId)}/links/${encodeURIComponent(linkId)}`,
    { method: 'DELETE', headers: bearer(token) },
  );
  if (!response.ok) throw await refusal(response, 'Revoking the link');
}

import { errorResponseSchema, exportFileName } from '@warrant/shared';
import type * as Y from 'yjs';
import { dispositionFileName } from './download.ts';
import { writeLocally, type FileFormat } from './fileFormats.ts';

/** A file ready to hand over: its bytes and the name it is offered under. */
export interface ExportedFile {
  blob: Blob;
  name: string;
  /** Written in this browser from the device's copy, because the relay could not be asked. */
  local: boolean;
}

/** The relay answered, and said no: a reason worth showing, not one to work around. */
export class ExportRefusedError extends Error {}

/**
 * `GET /api/maps/:id/export?format=` with the page's token: the map as the relay has stored
 * it, named by its `Content-Disposition`. When the relay cannot be reached at all (offline,
 * or the connection drops) the file is written here from this device's copy of the map, by
 * the same exporter the relay runs; a refusal from the relay (no access, an error) is not
 * papered over that way.
 */
export async function exportFile(
  format: FileFormat,
  {
    mapId,
    token,
    doc,
    title,
  }: { mapId: string; token: string | undefined; doc: Y.Doc; title: string },
): Promise<ExportedFile> {
  const local = (): ExportedFile => ({
    blob: new Blob([writeLocally(format, doc)], { type: `${format.mediaType};charset=utf-8` }),
    name: exportFileName(title, format),
    local: true,
  });
  if (!navigator.onLine) return local();
  let response: Response;
  try {
    response = await fetch(
      `/api/maps/${encodeURIComponent(mapId)}/export?format=${encodeURIComponent(format.id)}`,
      { headers: token ? { authorization: `Bearer ${token}` } : {} },
    );
  } catch {
    // No answer at all: the network, not the relay, said no.
    return local();
  }
  if (!response.ok) throw await refusal(response);
  return {
    blob: await response.blob(),
    name:
      dispositionFileName(response.headers.get('content-disposition')) ??
      exportFileName(title, format),
    local: false,
  };
}

async function refusal(response: Response): Promise<Error> {
  let detail = '';
  try {
    const body = errorResponseSchema.safeParse(await response.json());
    if (body.success) detail = body.data.error;
  } catch {
    // Not JSON: the status line says enough.
  }
  return new ExportRefusedError(
    `the relay answered ${response.status}${detail ? ` (${detail})` : ''}.`,
  );
}

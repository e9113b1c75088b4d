import { exportMap, mapToArgdown } from '@warrant/shared';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { MapService } from '../maps/MapService.ts';
import type { CopyRecord } from './AssignmentStore.ts';

/** A name safe as a file name in every zip tool: letters, digits, spaces, `-` and `_`. */
function safeName(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\w -]+/g, '')
      .trim()
      .slice(0, 60) || 'copy'
  );
}

/**
 * Every copy of an assignment as one zip: `<student or group> (<map id>).json` (Warrant JSON,
 * shared/JSON.md) and `.argdown` beside it, each read as committed.
 */
export async function exportCopies(
  maps: MapService,
  copies: readonly CopyRecord[],
): Promise<Uint8Array> {
  const files: Zippable = {};
  for (const copy of copies) {
    const file = await maps.read(copy.mapId, (doc) => {
      const json = exportMap(doc);
      return { json: JSON.stringify(json, null, 2), argdown: mapToArgdown(json) };
    });
    if (!file) continue;
    const base = `${safeName(copy.name)} (${copy.mapId})`;
    files[`${base}.json`] = strToU8(file.json);
    files[`${base}.argdown`] = strToU8(file.argdown);
  }
  return zipSync(files, { level: 6 });
}

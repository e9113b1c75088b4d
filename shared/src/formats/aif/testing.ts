import { mapJsonSchema, type MapJson } from '../json/MapJson.ts';
import type { ImportReport } from '../Format.ts';
import { importMap } from '../json/importMap.ts';

/**
 * For format tests: the map must pass `mapJsonSchema` and import into a Y.Doc; the import's
 * report is returned so a test can check every passage anchored.
 */
export function importsCleanly(map: MapJson): ImportReport {
  mapJsonSchema.parse(map);
  return importMap(map).report;
}

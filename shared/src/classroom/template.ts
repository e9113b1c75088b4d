import type { MapJson } from '../formats/json/MapJson.ts';

/**
 * What an assignment's template keeps of a map when the instructor hands out "the sources
 * only": its title, sources and passages, and nothing anyone argued about them (claims,
 * reasons, citations). Works on the JSON form, so the template is a fresh document that
 * carries none of the source map's history or deleted text.
 */
export function sourcesOnly(map: MapJson): MapJson {
  return { ...map, claims: [], relations: [], evidence: [] };
}

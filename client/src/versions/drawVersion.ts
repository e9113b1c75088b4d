import { importMap, listClaims, type MapJson } from '@warrant/shared';
import { LayoutStore, layoutStorageKey } from '../layout/LayoutStore.ts';
import { mapSvg, reasonKind, type DrawnSvg } from '../formats/mapSvg.ts';
import { MapStore } from '../session/MapStore.ts';

/** A version opened read-only: its picture and its claims as text. */
export interface OpenedVersion {
  title: string;
  picture: DrawnSvg;
  claims: { id: string; text: string }[];
}

/**
 * A version of the map, read-only, from its JSON form: loaded into a local doc (never
 * synced), laid out as this device lays the live map out (cards still in the map stay where
 * the canvas shows them), and drawn as the map picture the SVG export makes.
 */
export async function drawVersion(mapId: string, json: MapJson): Promise<OpenedVersion> {
  const { doc } = importMap(json);
  const store = new MapStore(doc);
  const storage = globalThis.localStorage ?? null;
  const layout = new LayoutStore(layoutStorageKey(mapId), {
    getItem: (key) => storage?.getItem(key) ?? null,
    setItem: () => {},
  });
  try {
    store.refresh();
    const structure = store.getStructure();
    layout.update(structure);
    if (layout.get()?.settling) await layout.tidy();
    const snapshot = layout.get();
    const claims = listClaims(doc).map((c) => ({ id: c.id, text: c.text }));
    const texts = new Map(claims.map((c) => [c.id, c.text]));
    const picture = mapSvg({
      title: structure.title,
      graph: snapshot?.graph ?? { nodes: [], edges: [], parents: new Map(), children: new Map() },
      positions: snapshot?.positions ?? new Map(),
      claimText: (id) => texts.get(id) ?? '',
      reasons: new Map(structure.relations.map((r) => [r.id, reasonKind(r)])),
    });
    return { title: structure.title, picture, claims };
  } finally {
    layout.destroy();
    store.destroy();
    doc.destroy();
  }
}

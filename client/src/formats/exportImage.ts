import { exportFileName, exportMap } from '@warrant/shared';
import { LayoutStore, layoutStorageKey } from '../layout/LayoutStore.ts';
import type { MapSession } from '../session/MapSession.ts';
import { mapSvg, reasonKind, type DrawnSvg } from './mapSvg.ts';

/** Scale of the PNG over the SVG's pixels, for sharp print and high-density screens. */
const PNG_SCALE = 2;
/** Chromium's and Firefox's canvas limits, with room: a side and an area in pixels. */
const MAX_SIDE = 16_384;
const MAX_AREA = 120_000_000;

/**
 * The whole map as an SVG picture, placed as this device's canvas places it: the positions
 * it keeps, new nodes placed beside their neighbours, and a full layout only when this device
 * has never shown the map. The layout is read, never written: the canvas owns it.
 */
export async function drawMap(session: MapSession): Promise<DrawnSvg & { title: string }> {
  const storage = globalThis.localStorage ?? null;
  const layout = new LayoutStore(layoutStorageKey(session.mapId), {
    getItem: (key) => storage?.getItem(key) ?? null,
    setItem: () => {},
  });
  const structure = session.store.getStructure();
  layout.update(structure);
  if (layout.get()?.settling) await layout.tidy();
  const snapshot = layout.get();
  layout.destroy();
  const texts = new Map(exportMap(session.doc).claims.map((c) => [c.id, c.text]));
  const title = structure.title;
  const drawn = mapSvg({
    title,
    graph: snapshot?.graph ?? { nodes: [], edges: [], parents: new Map(), children: new Map() },
    positions: snapshot?.positions ?? new Map(),
    claimText: (id) => texts.get(id) ?? '',
    reasons: new Map(structure.relations.map((r) => [r.id, reasonKind(r)])),
    measure: canvasMeasure(),
  });
  return { ...drawn, title };
}

export async function mapSvgFile(session: MapSession): Promise<{ blob: Blob; name: string }> {
  const { svg, title } = await drawMap(session);
  return {
    blob: new Blob([`<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`], {
      type: 'image/svg+xml;charset=utf-8',
    }),
    name: exportFileName(title, { extension: 'svg' }),
  };
}

export async function mapPngFile(session: MapSession): Promise<{ blob: Blob; name: string }> {
  const drawn = await drawMap(session);
  return { blob: await svgToPng(drawn), name: exportFileName(drawn.title, { extension: 'png' }) };
}

/**
 * An SVG rendered to PNG through an <img> and a canvas, at twice its size (less for a map so
 * big that the canvas would pass the browser's limits).
 */
export async function svgToPng({ svg, width, height }: DrawnSvg): Promise<Blob> {
  const scale = Math.min(
    PNG_SCALE,
    MAX_SIDE / width,
    MAX_SIDE / height,
    Math.sqrt(MAX_AREA / (width * height)),
  );
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the browser could not draw the map’s picture.'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.floor(width * scale));
    canvas.height = Math.max(1, Math.floor(height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser gives no canvas to draw the picture on.');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) =>
          blob ? resolve(blob) : reject(new Error('the picture was too big to turn into a PNG.')),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Text widths measured by the browser in the font the SVG names; a guess without a canvas. */
function canvasMeasure(): ((text: string, fontSize: number) => number) | undefined {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return undefined;
  return (text, fontSize) => {
    context.font = `${fontSize >= 20 ? 'bold ' : ''}${fontSize}px Helvetica, Arial, sans-serif`;
    return context.measureText(text).width;
  };
}

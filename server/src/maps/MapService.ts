import { randomBytes } from 'node:crypto';
import { buildSampleMap } from '@warrant/fixtures';
import {
  createMap,
  formats,
  getPassage,
  importMap,
  MapImportError,
  mapStats,
  readMeta,
  setTitle,
  type Format,
  type FormatData,
  type ImportSummary,
} from '@warrant/shared';
import * as Y from 'yjs';
import type { MapModel } from '../rooms/MapModel.ts';
import type { Room } from '../rooms/Room.ts';
import type { RoomManager } from '../rooms/RoomManager.ts';
import type { MapMeta, MapSummary, Storage } from '../storage/Storage.ts';
import { MapExistsError } from '../storage/Storage.ts';

/** 16 url-safe characters from 96 random bits: unguessable, so a map URL is a capability. */
export function newMapId(): string {
  return randomBytes(12).toString('base64url');
}

/** What `GET /api/maps/:id` tells of a map's content: its title, schema version and counts. */
export interface MapDescription {
  meta: { title: string; schemaVersion: number };
  stats: MapSummary['stats'];
}

/**
 * Creating and reading whole maps for the HTTP API. Creation goes straight to storage (a new
 * map has no room yet); reads use the live room when the map is loaded, so they see exactly
 * what is committed, and a throwaway doc from storage otherwise.
 */
export class MapService {
  constructor(
    private readonly storage: Storage,
    private readonly rooms: RoomManager,
    private readonly model: MapModel,
  ) {}

  /** Creates an empty map; throws the model's error for a bad title. */
  async create(title: string, createdAt = Date.now()): Promise<MapMeta> {
    const doc = new Y.Doc();
    createMap(doc, { title, createdAt });
    return this.store(doc);
  }

  /**
   * Creates a map from a file in one of the registered formats (Warrant JSON by default);
   * throws `MapImportError` for input that is not that format, before anything is stored, so
   * a failed import leaves no map behind. The report is what `POST /api/maps/import` answers
   * (`ImportSummary` in the shared protocol). `title`, if given, replaces the file's title
   * (the model's error for a bad one, also before anything is stored).
   */
  async import(
    input: FormatData | unknown,
    format: Format = formats.json,
    options: { title?: string } = {},
  ): Promise<{ meta: MapMeta; report: ImportSummary }> {
    if (!format.import) throw new MapImportError([`${format.name} can only be exported`]);
    await format.prepare?.();
    // Warrant JSON may arrive already parsed (an `application/json` body).
    const { doc, report } =
      format === formats.json && !(typeof input === 'string' || input instanceof Uint8Array)
        ? importMap(input, new Y.Doc())
        : format.import(input as FormatData, new Y.Doc());
    if (options.title !== undefined) setTitle(doc, options.title);
    const stats = mapStats(doc);
    const summary: ImportSummary = {
      format: format.id,
      claims: stats.claims,
      relations: stats.relations,
      passages: stats.passages,
      fuzzy: report.fuzzyPassages.length,
      orphaned: report.orphanedPassages.map((id) => ({
        id,
        quote: getPassage(doc, id)?.quote.exact ?? '',
      })),
      notes: report.notes,
    };
    return { meta: await this.store(doc), report: summary };
  }

  /**
   * Stores a map made elsewhere (an assignment's template, a student's copy) under a new id;
   * `doc` is the model's already and is destroyed once stored.
   */
  createFrom(doc: Y.Doc): Promise<MapMeta> {
    return this.store(doc);
  }

  /** Creates the NATO sample map a new installation shows first. */
  async createSample(): Promise<MapMeta> {
    const doc = new Y.Doc();
    buildSampleMap(doc);
    return this.store(doc);
  }

  /**
   * Every map, most recently updated first. Titles of loaded maps come from their committed
   * document, so a rename shows at once (storage catches up at the next compaction).
   */
  async list(): Promise<MapMeta[]> {
    const [maps, live] = await Promise.all([
      this.storage.list(),
      Promise.all(
        this.rooms.loadedRooms().map(async (room) => {
          const title = await room.title();
          return [room.mapId, title] as const;
        }),
      ),
    ]);
    const titles = new Map(live);
    return maps.map((m) => ({ ...m, title: titles.get(m.id) ?? m.title }));
  }

  /**
   * Runs `read` on the map's committed document; resolves null if the map does not exist.
   * Throws `MapTooNewError` for a map this relay cannot read.
   */
  async read<T>(id: string, read: (doc: Y.Doc) => T): Promise<T | null> {
    const room = await this.rooms.peek(id);
    if (room) return room.readCommitted(read);
    return this.rooms.readStored(id, read);
  }

  /**
   * The map as committed, as one Yjs update; null if it does not exist. A loaded huge map's
   * is encoded where its doc lives (`Room.committedUpdate`), with no copy built here.
   */
  async committedUpdate(id: string): Promise<Uint8Array | null> {
    const room = await this.rooms.peek(id);
    if (room) return room.committedUpdate();
    return this.rooms.readStored(id, (doc) => Y.encodeStateAsUpdate(doc));
  }

  /**
   * The map's title, schema version and counts as committed, without decoding it: from the
   * loaded room, or from the summary storage keeps with the snapshot. Only a map whose
   * summary is not current (a log left by a crash or a failed room, a map stored before
   * summaries or by another schema) is loaded, as a connection would load it, and compacted,
   * so the next answer comes from storage again. Resolves null if the map does not exist;
   * throws `MapTooNewError` for a map this relay cannot read.
   */
  async describe(id: string): Promise<MapDescription | null> {
    const room = await this.rooms.peek(id);
    if (room) return this.describeLoaded(room);
    const meta = await this.storage.meta(id);
    if (!meta) return null;
    const { summary } = meta;
    if (summary && summary.schemaVersion === this.model.schemaVersion) {
      return {
        meta: { title: meta.title, schemaVersion: summary.schemaVersion },
        stats: summary.stats,
      };
    }
    const held = await this.rooms.acquire(id);
    if (!held) return null;
    try {
      const description = await this.describeLoaded(held);
      await held.compact();
      return description;
    } finally {
      this.rooms.release(held);
    }
  }

  /** A loaded map: its committed summary (see `Room.summary`) and its current title. */
  private async describeLoaded(room: Room): Promise<MapDescription> {
    const { schemaVersion, stats } = await room.summary();
    const title = await room.title();
    return { meta: { title: title ?? '', schemaVersion }, stats };
  }

  private async store(doc: Y.Doc): Promise<MapMeta> {
    const { title, createdAt } = readMeta(doc);
    const snapshot = Y.encodeStateAsUpdate(doc);
    const summary = this.model.summary(doc);
    // The relay built this document (the sample, an import, a new map): its items are Warrant's.
    const clients = [...Y.decodeStateVector(Y.encodeStateVector(doc)).keys()];
    doc.destroy();
    for (let attempt = 0; ; attempt++) {
      try {
        const meta = await this.storage.create({
          id: newMapId(),
          title,
          createdAt,
          snapshot,
          summary,
        });
        const at = Date.now();
        await this.storage.recordAuthors(meta.id, [{ author: 'relay', role: null, clients, at }]);
        return meta;
      } catch (error) {
        // 96 random bits make a collision practically impossible; retry once anyway.
        if (!(error instanceof MapExistsError) || attempt > 0) throw error;
      }
    }
  }
}

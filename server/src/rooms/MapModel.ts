import type * as Y from 'yjs';
import type { MapSummary } from '../storage/Storage.ts';

/** Thrown by `MapModel.open` when the stored map was written by a newer schema. */
export class MapTooNewError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MapTooNewError';
  }
}

/**
 * What rooms need from the argument-map model, kept this narrow so the room logic does not
 * depend on the schema (only `shared/` knows Y.Doc keys). `sharedModel.ts` implements it.
 */
export interface MapModel {
  /**
   * The name the relay's Yjs worker knows this model by (`maps/yjsWorker.ts`), so compaction
   * off the event loop can summarise the map; without one, big maps are stored unsummarised.
   */
  readonly id?: string;
  /**
   * Called once after a map is loaded: migrates an older document in place (the migration's
   * changes are persisted like any edit) and throws `MapTooNewError` for a newer one.
   */
  open(doc: Y.Doc): void;
  /** The map's current title, to keep the storage metadata fresh on compaction. */
  title(doc: Y.Doc): string | undefined;
  /** What the map holds (schema version, counts), stored with each snapshot for the API. */
  summary(doc: Y.Doc): MapSummary;
  /** The schema version `open` migrates maps to: a stored summary of another is not current. */
  readonly schemaVersion: number;
}

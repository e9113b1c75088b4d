import { mapStats, openMap, readMeta, SCHEMA_VERSION, SchemaError } from '@warrant/shared';
import type * as Y from 'yjs';
import type { MapModel } from '../rooms/MapModel.ts';
import { MapTooNewError } from '../rooms/MapModel.ts';

/** The rooms' view of the argument-map model in `@warrant/shared`. */
export const sharedModel: MapModel = {
  id: 'map',
  open(doc: Y.Doc): void {
    try {
      openMap(doc);
    } catch (error) {
      if (error instanceof SchemaError && error.code === 'too-new') {
        throw new MapTooNewError(error.message);
      }
      throw error;
    }
  },
  title(doc: Y.Doc): string | undefined {
    return readMeta(doc).title || undefined;
  },
  summary(doc: Y.Doc) {
    return { schemaVersion: readMeta(doc).schemaVersion, stats: mapStats(doc) };
  },
  schemaVersion: SCHEMA_VERSION,
};

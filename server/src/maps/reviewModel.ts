import {
  checkReviewVersion,
  REVIEW_SCHEMA_VERSION,
  reviewSchemaVersion,
  reviewStats,
  SchemaError,
} from '@warrant/shared';
import type * as Y from 'yjs';
import type { MapModel } from '../rooms/MapModel.ts';
import { MapTooNewError } from '../rooms/MapModel.ts';

/**
 * The rooms' view of a map's review document (`@warrant/shared`'s review layer). It has its
 * own schema version and none of the map's migrations: a review document written by a newer
 * Warrant is refused (`MapTooNew`), and anything else opens as it is.
 */
export const reviewModel: MapModel = {
  id: 'review',
  open(doc: Y.Doc): void {
    try {
      checkReviewVersion(doc);
    } catch (error) {
      if (error instanceof SchemaError) throw new MapTooNewError(error.message);
      throw error;
    }
  },
  title: () => undefined,
  summary(doc: Y.Doc) {
    return { schemaVersion: reviewSchemaVersion(doc), stats: reviewStats(doc) };
  },
  schemaVersion: REVIEW_SCHEMA_VERSION,
};

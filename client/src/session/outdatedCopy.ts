import { checkMapVersion, SCHEMA_VERSION } from '@warrant/shared';
import type * as Y from 'yjs';
import type { Value } from '../state/Value.ts';

/**
 * The client migrates nothing (shared/MIGRATIONS.md rule 6: migrations run where a map is
 * opened for everyone, the relay, so two clients never migrate one document at once). A copy
 * from this device written by an older schema is shown as it is, with `outdated` true (no
 * editing: new operations would write the new shape into the old one), until the relay's
 * migrated map arrives and lifts its version. A newer schema throws the model's
 * `SchemaError`, and the page says to update Warrant.
 *
 * Returns a function that stops watching.
 */
export function watchOutdatedCopy(doc: Y.Doc, outdated: Value<boolean>): () => void {
  if (checkMapVersion(doc) === SCHEMA_VERSION) {
    outdated.set(false);
    return () => {};
  }
  outdated.set(true);
  const recheck = () => {
    let version: number;
    try {
      version = checkMapVersion(doc);
    } catch {
      // Newer than this build: editing stays off; the relay refuses this build's schema.
      return;
    }
    if (version < SCHEMA_VERSION) return;
    stop();
    outdated.set(false);
  };
  const stop = () => doc.off('update', recheck);
  doc.on('update', recheck);
  return stop;
}

import type * as Y from 'yjs';
import { SchemaError } from './errors.ts';
import { SCHEMA_VERSION, collections, transact } from './schema.ts';

/**
 * A schema migration, per the contract in MIGRATIONS.md: `to` is exactly `from + 1`, ids are
 * never reused or edited once released, and `apply` only rewrites the document's data from
 * the `from` shape to the `to` shape (it runs inside one transaction).
 */
export interface Migration {
  id: string;
  from: number;
  to: number;
  title: string;
  description: string;
  apply(doc: Y.Doc): void;
}

/** The released migrations, in order. */
export const MIGRATIONS: readonly Migration[] = [
  {
    id: 'warrant.map/1',
    from: 0,
    to: 1,
    title: 'Stamp unversioned documents',
    description:
      'Documents written before the schema was versioned (or by a tool that only wrote the ' +
      'collections) get a schema version, a creation time and a title if they lack them. The ' +
      'collections themselves are top-level types and need no creation.',
    apply(doc) {
      const { meta } = collections(doc);
      if (typeof meta.get('createdAt') !== 'number') meta.set('createdAt', 0);
      const title = meta.get('title');
      if (typeof title !== 'string' || !title.trim()) meta.set('title', 'Untitled map');
    },
  },
];

export interface OpenResult {
  /** The version the document had before it was migrated, or null if it was current. */
  migratedFrom: number | null;
}

/**
 * The schema version a document holds, checked without changing anything: throws the
 * model's `SchemaError` for a document written by a newer schema (reading it could
 * misinterpret fields, writing could corrupt them) or one that holds no valid version.
 * A version below `current` is returned as it is: only `openMap`, where a map is opened for
 * everyone (the relay), migrates (MIGRATIONS.md rule 6).
 */
export function checkMapVersion(doc: Y.Doc, current: number = SCHEMA_VERSION): number {
  const { meta } = collections(doc);
  const raw = meta.get('schemaVersion');
  const version = raw === undefined ? 0 : raw;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new SchemaError('not-a-map', 'This document does not hold a valid schema version.');
  }
  if (version > current) {
    throw new SchemaError(
      'too-new',
      `This map was saved by a newer version of Warrant (schema ${version}; this one reads up ` +
        `to ${current}). Update Warrant to open it.`,
      version,
    );
  }
  return version;
}

/**
 * Checks a document's schema version before anyone reads or writes it (`checkMapVersion`);
 * an older one is migrated in place, one step at a time, in one transaction.
 */
export function openMap(
  doc: Y.Doc,
  migrations: readonly Migration[] = MIGRATIONS,
  current: number = SCHEMA_VERSION,
): OpenResult {
  const { meta } = collections(doc);
  const version = checkMapVersion(doc, current);
  if (version === current) return { migratedFrom: null };
  // Find every step before applying any: Yjs cannot roll back a half-applied transaction.
  const steps: Migration[] = [];
  for (let v = version; v < current; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step || step.to !== v + 1) {
      throw new SchemaError('not-a-map', `No migration from schema ${v} to ${v + 1}.`, v);
    }
    steps.push(step);
  }
  transact(doc, () => {
    for (const step of steps) {
      step.apply(doc);
      meta.set('schemaVersion', step.to);
    }
  });
  return { migratedFrom: version };
}

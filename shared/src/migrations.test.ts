import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SchemaError } from './errors.ts';
import { createMap, readMeta } from './meta.ts';
import { checkMapVersion, MIGRATIONS, openMap, type Migration } from './migrations.ts';
import { addClaim, listClaims } from './records/Claim.ts';
import { SCHEMA_VERSION, collections } from './schema.ts';

describe('schema versions', () => {
  it('opens a current map without touching it', () => {
    const doc = new Y.Doc();
    createMap(doc, { title: 'Current' });
    const before = Y.encodeStateVector(doc);
    expect(openMap(doc)).toEqual({ migratedFrom: null });
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('refuses a map written by a newer schema with a clear error', () => {
    const doc = new Y.Doc();
    createMap(doc, { title: 'Future' });
    collections(doc).meta.set('schemaVersion', SCHEMA_VERSION + 1);
    expect(() => openMap(doc)).toThrow(SchemaError);
    expect(() => openMap(doc)).toThrow(/newer version of Warrant/);
    try {
      openMap(doc);
    } catch (e) {
      expect((e as SchemaError).code).toBe('too-new');
    }
  });

  it('checks a version without migrating anything: older is told, newer refused', () => {
    const doc = new Y.Doc();
    createMap(doc, { title: 'Checked' });
    expect(checkMapVersion(doc)).toBe(SCHEMA_VERSION);
    const before = Y.encodeStateVector(doc);
    expect(checkMapVersion(doc, SCHEMA_VERSION + 1)).toBe(SCHEMA_VERSION);
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(checkMapVersion(new Y.Doc())).toBe(0);
    collections(doc).meta.set('schemaVersion', SCHEMA_VERSION + 1);
    expect(() => checkMapVersion(doc)).toThrow(/newer version of Warrant/);
    collections(doc).meta.set('schemaVersion', 'two');
    expect(() => checkMapVersion(doc)).toThrow(SchemaError);
  });

  it('migrates an unversioned document and keeps its claims', () => {
    const doc = new Y.Doc();
    // A document from before versioning: collections written, no schema version or title.
    addClaim(doc, { text: 'kept' });
    expect(openMap(doc)).toEqual({ migratedFrom: 0 });
    expect(readMeta(doc)).toMatchObject({ schemaVersion: SCHEMA_VERSION, title: 'Untitled map' });
    expect(listClaims(doc).map((c) => c.text)).toEqual(['kept']);
  });

  it('runs migrations one step at a time, in order, in one transaction', () => {
    const doc = new Y.Doc();
    createMap(doc, { title: 'Old' });
    const applied: string[] = [];
    const chain: Migration[] = [2, 3].map((to) => ({
      id: `test/${to}`,
      from: to - 1,
      to,
      title: `to ${to}`,
      description: 'test step',
      apply: (d) => {
        applied.push(`${readMeta(d).schemaVersion}->${to}`);
      },
    }));
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    expect(openMap(doc, [...MIGRATIONS, ...chain], 3)).toEqual({ migratedFrom: 1 });
    expect(applied).toEqual(['1->2', '2->3']);
    expect(readMeta(doc).schemaVersion).toBe(3);
    expect(transactions).toBe(1);
  });

  it('writes nothing when a step is missing', () => {
    const doc = new Y.Doc();
    createMap(doc, { title: 'Gap' });
    const before = Y.encodeStateVector(doc);
    expect(() => openMap(doc, MIGRATIONS, 3)).toThrow(/No migration from schema 1 to 2/);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('keeps released migrations contiguous, each one step', () => {
    MIGRATIONS.forEach((m, i) => {
      expect(m.from).toBe(i);
      expect(m.to).toBe(i + 1);
      expect(m.id).toBe(`warrant.map/${m.to}`);
    });
    expect(MIGRATIONS.at(-1)?.to).toBe(SCHEMA_VERSION);
  });
});

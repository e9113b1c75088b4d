import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mapJsonSchemaDocument } from './schemaFile.ts';

const file = fileURLToPath(new URL('../../../map.schema.json', import.meta.url));

describe('map.schema.json', () => {
  it('matches the zod schema that validates imports', () => {
    const expected = JSON.stringify(mapJsonSchemaDocument(), null, 2) + '\n';
    if (process.env.UPDATE_SCHEMA) writeFileSync(file, expected);
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });
});

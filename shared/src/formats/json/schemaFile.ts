import { z } from 'zod';
import { mapJsonSchema } from './MapJson.ts';

/** The JSON Schema published as shared/map.schema.json, generated from the zod schema. */
export function mapJsonSchemaDocument(): Record<string, unknown> {
  return {
    title: 'Warrant argument map',
    ...z.toJSONSchema(mapJsonSchema, { target: 'draft-2020-12', io: 'input' }),
  };
}

import { z } from 'zod';
import { lazySchema } from '../../lazySchema.ts';
import { MAX_SOURCE_TEXT, sourceMetaSchema } from '../../records/Source.ts';
import { richDocSchema, type RichDoc } from '../../richtext.ts';

/**
 * The JSON form of a map: Warrant's backup and interchange format, which the other exporters
 * build on. Documented in shared/JSON.md and pinned by shared/map.schema.json (generated from
 * this zod schema; a test keeps them equal).
 *
 * Times are ISO 8601 strings. Arrays are in creation order. Passages carry only their W3C
 * selectors: relative positions belong to one Y.Doc, so importing re-anchors by the quote.
 */
export const MAP_JSON_FORMAT = 'warrant-map';
export const MAP_JSON_VERSION = 1;

const id = lazySchema(() =>
  z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'ids are letters, digits, "-" and "_"'),
);
const time = lazySchema(() => z.iso.datetime({ offset: true }));
const author = lazySchema(() => z.string().max(200));
const target = lazySchema(() =>
  z.union([z.object({ claim: id }).strict(), z.object({ relation: id }).strict()]),
);

export const mapJsonSchema = lazySchema(() =>
  z
    .object({
      format: z.literal(MAP_JSON_FORMAT),
      version: z.literal(MAP_JSON_VERSION),
      title: z.string().trim().min(1).max(200),
      createdAt: time,
      claims: z.array(
        z
          .object({
            id,
            /** Plain text, for readers of the file; `content` is what is imported. */
            text: z.string(),
            content: richDocSchema,
            author,
            createdAt: time,
          })
          .strict(),
      ),
      relations: z.array(
        z
          .object({
            id,
            kind: z.enum(['support', 'rebut']),
            premises: z.array(id).min(1),
            target,
            author,
            createdAt: time,
          })
          .strict(),
      ),
      sources: z.array(
        sourceMetaSchema
          .extend({ id, text: z.string().max(MAX_SOURCE_TEXT), author, createdAt: time })
          .strict(),
      ),
      passages: z.array(
        z
          .object({
            id,
            source: id,
            selector: z.tuple([
              z
                .object({
                  type: z.literal('TextQuoteSelector'),
                  exact: z.string().min(1),
                  prefix: z.string(),
                  suffix: z.string(),
                })
                .strict(),
              z
                .object({
                  type: z.literal('TextPositionSelector'),
                  start: z.number().int().min(0),
                  end: z.number().int().min(0),
                })
                .strict(),
            ]),
            author,
            createdAt: time,
          })
          .strict(),
      ),
      evidence: z.array(
        z
          .object({
            claim: id,
            passage: id,
            stance: z.enum(['support', 'rebut']),
            author,
            createdAt: time,
          })
          .strict(),
      ),
    })
    .strict(),
);

export type MapJson = z.infer<typeof mapJsonSchema>;
export type ClaimJson = MapJson['claims'][number] & { content: RichDoc };

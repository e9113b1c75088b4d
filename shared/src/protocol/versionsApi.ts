import { z } from 'zod';
import { lazySchema } from '../lazySchema.ts';
import type { MapDiff } from '../diff/diffMaps.ts';

/**
 * Answers of the versions and diff routes (server/README.md), listed in `API_RESPONSES`
 * beside the others. Kept in their own file so the wire form of a version sits next to
 * nothing else; `api.ts` imports them.
 */

const time = lazySchema(() => z.iso.datetime());
const count = lazySchema(() => z.number().int().min(0));
const id = lazySchema(() => z.string().min(1));

/** Longest version name a person may give. */
export const MAX_VERSION_NAME = 100;

/** How much changed since the version before (the first: since an empty map). */
export const versionChangesSchema = lazySchema(() =>
  z.strictObject({
    added: count,
    removed: count,
    changed: count,
  }),
);
export type VersionChanges = z.infer<typeof versionChangesSchema>;

/** One version of a map as listed: never its snapshot (export it for that). */
export const versionInfoSchema = lazySchema(() =>
  z.strictObject({
    id,
    name: z.string(),
    createdAt: time,
    /** Who saved it: the name they go by on the map if the client said it, else their role. */
    author: z.string(),
    /** Taken by the relay after the map went quiet; the oldest are pruned beyond a limit. */
    auto: z.boolean(),
    changes: versionChangesSchema,
  }),
);
export type VersionInfo = z.infer<typeof versionInfoSchema>;

/** `GET /api/maps/:id/versions`: newest first. */
export const versionListResponseSchema = lazySchema(() =>
  z.strictObject({ versions: z.array(versionInfoSchema) }),
);
export type VersionListResponse = z.infer<typeof versionListResponseSchema>;

/** `POST /api/maps/:id/versions {name, author?}` (201, owner or editor): the version saved. */
export const newVersionResponseSchema = versionInfoSchema;
export type NewVersionResponse = VersionInfo;

/** `POST /api/maps/:id/versions/:v/restore` (owner or editor): what the restore changed. */
export const restoreResponseSchema = lazySchema(() =>
  z.strictObject({
    restored: versionInfoSchema,
    changes: versionChangesSchema,
  }),
);
export type RestoreResponse = z.infer<typeof restoreResponseSchema>;

const relationShape = lazySchema(() =>
  z.strictObject({
    id,
    kind: z.enum(['support', 'rebut']),
    premises: z.array(id),
    target: z.union([z.strictObject({ claim: id }), z.strictObject({ relation: id })]),
  }),
);
const citation = lazySchema(() =>
  z.strictObject({ claim: id, passage: id, stance: z.enum(['support', 'rebut']) }),
);
const claimText = lazySchema(() => z.strictObject({ id, text: z.string() }));

/**
 * `GET /api/maps/:id/diff?from=V&to=W|current`: what changed from version V to version W
 * (or the map as committed now): the model's `MapDiff`.
 */
export const diffResponseSchema = lazySchema(
  () =>
    z.strictObject({
      claims: z.strictObject({
        added: z.array(claimText),
        removed: z.array(claimText),
        changed: z.array(
          z.strictObject({
            id,
            from: z.string(),
            to: z.string(),
            words: z.array(
              z.strictObject({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() }),
            ),
          }),
        ),
      }),
      relations: z.strictObject({
        added: z.array(relationShape),
        removed: z.array(relationShape),
        changed: z.array(z.strictObject({ id, from: relationShape, to: relationShape })),
      }),
      evidence: z.strictObject({ added: z.array(citation), removed: z.array(citation) }),
    }) satisfies z.ZodType<MapDiff>,
);
export type DiffResponse = z.infer<typeof diffResponseSchema>;

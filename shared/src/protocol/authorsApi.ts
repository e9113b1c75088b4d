import { z } from 'zod';
import { lazySchema } from '../lazySchema.ts';
import { ROLES } from './roles.ts';

/**
 * The answer of `GET /api/maps/:id/authors` (owner only): who did what in a map and its
 * review, from the relay's record of which share link committed each Yjs client id (see
 * `shared/src/authors/authorship.ts`). Listed in `API_RESPONSES` beside the others.
 */

const count = lazySchema(() => z.number().int().min(0));

/**
 * How an author reached the map: a share link (`link:<id>`), no token on a public map
 * (`anonymous`, everyone without a link together), or the relay itself (`relay`: the sample
 * map, imports, restores; shown as "Warrant").
 */
export const AUTHOR_KINDS = ['link', 'anonymous', 'relay'] as const;
export type AuthorKind = (typeof AUTHOR_KINDS)[number];

/** The author id the relay uses for its own writes. */
export const RELAY_AUTHOR = 'relay';
/** The author id of everyone who wrote without a link. */
export const ANONYMOUS_AUTHOR = 'anonymous';
/** The name shown for the relay's own writes. */
export const RELAY_AUTHOR_NAME = 'Warrant';

export const authorInfoSchema = lazySchema(() =>
  z.strictObject({
    /** `link:<linkId>`, `anonymous` or `relay`: stable, the key of `clients`' values. */
    id: z.string().min(1),
    kind: z.enum(AUTHOR_KINDS),
    /** The share link, for `kind: 'link'`. */
    linkId: z.string().min(1).nullable(),
    /** Who to show: the link's label (a student's name) where there is one. */
    name: z.string(),
    /** The link's role when it first wrote; null for the relay. */
    role: z.enum(ROLES).nullable(),
    claims: count,
    words: count,
    wordsInOthersClaims: count,
    reasons: count,
    citations: count,
    comments: count,
    /** When the relay first and last committed an update of theirs (map or review). */
    firstSeen: z.iso.datetime(),
    lastSeen: z.iso.datetime(),
  }),
);
export type AuthorInfo = z.infer<typeof authorInfoSchema>;

export const authorsResponseSchema = lazySchema(() =>
  z.strictObject({
    /** Everyone the relay has on record for the map, most claims first. */
    authors: z.array(authorInfoSchema),
    /** Yjs client id (decimal) → author id, to attribute items in a live document. */
    clients: z.record(z.string().regex(/^\d+$/), z.string().min(1)),
  }),
);
export type AuthorsResponse = z.infer<typeof authorsResponseSchema>;

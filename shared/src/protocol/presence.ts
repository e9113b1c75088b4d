import { z } from 'zod';
import { lazySchema } from '../lazySchema.ts';

/**
 * The fields a Warrant client keeps in its awareness state (y-protocols presence), read by
 * every other client on the map. Awareness is not the map: nothing here is stored, and a
 * client may put anything in its own state, so readers take each field through its schema
 * and drop a field that does not fit rather than the whole person.
 *
 * - `user`: name and colour, the field Tiptap's CollaborationCaret reads for caret labels.
 * - `editing`: the claim this person is typing in.
 * - `selection`: what they have selected, so a follower sees it too.
 * - `view`: what they are looking at. On the map, the rectangle of the map in view in map
 *   (layout) coordinates, not the screen's pan and zoom: a follower with a larger or smaller
 *   window fits the same rectangle, so the projector shows what the instructor sees.
 */
export const PRESENCE_NAME_MAX = 100;
const id = lazySchema(() => z.string().min(1).max(64));
/** A coordinate on the map; layouts stay far inside this. */
const coord = lazySchema(() => z.number().finite().min(-1e7).max(1e7));
const extent = lazySchema(() => z.number().finite().positive().max(1e7));

export const presenceUserSchema = lazySchema(() =>
  z.object({
    name: z.string().min(1).max(PRESENCE_NAME_MAX),
    color: z.string().max(32).optional(),
  }),
);
export const presenceSelectionSchema = lazySchema(() =>
  z.object({ kind: z.enum(['claim', 'reason']), id }).nullable(),
);
export const presenceViewSchema = lazySchema(() =>
  z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('map'), x: coord, y: coord, width: extent, height: extent }),
    z.object({ mode: z.literal('outline') }),
  ]),
);

export type PresenceUser = z.infer<typeof presenceUserSchema>;
export type PresenceSelection = z.infer<typeof presenceSelectionSchema>;
export type PresenceView = z.infer<typeof presenceViewSchema>;

/** One person's presence as read: a field that was absent or malformed is undefined. */
export interface Presence {
  user?: PresenceUser;
  editing?: string | null;
  selection?: PresenceSelection;
  view?: PresenceView | null;
}

/** The awareness field names, named once for the writers. */
export const PresenceField = {
  user: 'user',
  editing: 'editing',
  selection: 'selection',
  view: 'view',
} as const;

function field<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** Reads one awareness state, field by field (see the module comment). */
export function readPresence(raw: unknown): Presence {
  if (typeof raw !== 'object' || raw === null) return {};
  const state = raw as Record<string, unknown>;
  const out: Presence = {};
  const user = field(presenceUserSchema, state.user);
  if (user) out.user = user;
  const editing = field(id.nullable(), state.editing);
  if (editing !== undefined) out.editing = editing;
  const selection = field(presenceSelectionSchema, state.selection);
  if (selection !== undefined) out.selection = selection;
  const view = field(presenceViewSchema.nullable(), state.view);
  if (view !== undefined) out.view = view;
  return out;
}

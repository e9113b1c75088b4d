import {
  authorOfClients,
  type AuthorInfo,
  type AuthorOf,
  type AuthorsResponse,
} from '@warrant/shared';
import { Value } from '../state/Value.ts';
import { errorMessage } from '../ui/failure.ts';
import { fetchAuthors } from './authorsApi.ts';

/** How an author is told apart: a colour, and an underline style so colour is never alone. */
export interface AuthorLook {
  readonly color: string;
  readonly underline: 'solid' | 'dashed' | 'dotted' | 'double' | 'wavy';
  readonly initials: string;
  readonly name: string;
}

export interface AuthorsState {
  /** Cards show their author and claim text who wrote which words. */
  readonly showing: boolean;
  /** The Authors panel (per-author figures) is open. */
  readonly panelOpen: boolean;
  readonly data: AuthorsResponse | null;
  readonly error: string | null;
}

const COLORS = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#bcbd22',
];
const UNDERLINES: AuthorLook['underline'][] = ['solid', 'dashed', 'dotted', 'double', 'wavy'];

/** "Editor link abc123" → "EL"; "Ada Lovelace" → "AL"; one word → its first two letters. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  if (words.length === 1) return (words[0] ?? '?').slice(0, 2).toUpperCase();
  return ((words[0]?.[0] ?? '') + (words[1]?.[0] ?? '')).toUpperCase();
}

/** A look per author, in the relay's order (most claims first), stable while the list is. */
export function looksOf(authors: readonly AuthorInfo[]): Map<string, AuthorLook> {
  return new Map(
    authors.map((a, i) => [
      a.id,
      {
        color: COLORS[i % COLORS.length] ?? '#444',
        underline: UNDERLINES[i % UNDERLINES.length] ?? 'solid',
        initials: initialsOf(a.name),
        name: a.name,
      },
    ]),
  );
}

/**
 * Who did what in the open map, for its owner: the relay's answer (`/authors`), refreshed
 * while shown (the record grows as people write), and what the toggle and panel show.
 */
export class AuthorsStore {
  readonly state = new Value<AuthorsState>({
    showing: false,
    panelOpen: false,
    data: null,
    error: null,
  });
  private timer: ReturnType<typeof setInterval> | null = null;
  private inFlight = false;
  private derived: {
    data: AuthorsResponse;
    authorOf: AuthorOf;
    looks: Map<string, AuthorLook>;
  } | null = null;

  constructor(
    private readonly mapId: string,
    private readonly token: string | undefined,
  ) {}

  /** Maps a Yjs client id to its author's id (nobody until the record is loaded). */
  get authorOf(): AuthorOf {
    return this.derive()?.authorOf ?? (() => null);
  }

  get looks(): Map<string, AuthorLook> {
    return this.derive()?.looks ?? new Map();
  }

  toggleShowing(): void {
    this.update({ showing: !this.state.get().showing });
  }

  togglePanel(): void {
    this.update({ panelOpen: !this.state.get().panelOpen });
  }

  closePanel(): void {
    this.update({ panelOpen: false });
  }

  async refresh(): Promise<void> {
    if (this.inFlight) return;
    this.inFlight = true;
    try {
      const fetched = await fetchAuthors(this.mapId, this.token);
      // Unchanged since the last fetch and no error shown: nothing to tell, no card draws again.
      const { data: old, error } = this.state.get();
      if (old && error === null && JSON.stringify(old) === JSON.stringify(fetched)) return;
      this.patch({ data: fetched, error: null });
    } catch (error) {
      this.patch({ error: errorMessage(error) });
    } finally {
      this.inFlight = false;
    }
  }

  /**
   * While the map is on screen: refreshes on a timer whenever authors are shown. Returns the
   * function that stops it (the map page closing), which leaves what is shown as it was.
   */
  attach(): () => void {
    this.schedule();
    return () => this.stop();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private update(patch: Partial<AuthorsState>): void {
    this.patch(patch);
    this.schedule();
  }

  /** Fetches now and on a timer while authors are shown; stops once they are not. */
  private schedule(): void {
    const { showing, panelOpen } = this.state.get();
    const wanted = showing || panelOpen;
    if (wanted && !this.timer) {
      void this.refresh();
      // Not while the tab is hidden: the figures are for someone looking at them.
      this.timer = setInterval(() => {
        if (document.visibilityState === 'visible') void this.refresh();
      }, REFRESH_MS);
    } else if (!wanted) {
      this.stop();
    }
  }

  private patch(patch: Partial<AuthorsState>): void {
    this.state.set({ ...this.state.get(), ...patch });
  }

  private derive() {
    const data = this.state.get().data;
    if (!data) return null;
    if (this.derived?.data !== data) {
      this.derived = {
        data,
        authorOf: authorOfClients(data.clients),
        looks: looksOf(data.authors),
      };
    }
    return this.derived;
  }
}

/** How often the record is fetched again while shown: new writers appear within this. */
const REFRESH_MS = 10_000;

const stores = new WeakMap<object, AuthorsStore>();

/** The open map's authors store, one per session (made on first use). */
export function authorsStoreFor(session: {
  mapId: string;
  token: string | undefined;
}): AuthorsStore {
  let store = stores.get(session);
  if (!store) {
    store = new AuthorsStore(session.mapId, session.token);
    stores.set(session, store);
  }
  return store;
}

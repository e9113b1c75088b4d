import type { AuthorStamp } from '../storage/Attribution.ts';
import type { Peer } from './Peer.ts';

/** One update the doc emitted, with what persisting and broadcasting it needs. */
export type Emitted = {
  update: Uint8Array;
  author: Peer | null;
  echo: boolean;
  afterState: Map<number, number>;
  /** Who wrote what it added (`authorship.ts`), recorded with it; null if it added nothing. */
  authors: AuthorStamp | null;
};

/** A client update being applied: its connection, and the client ids its structs carry. */
export type UpdateSource = { peer: Peer; clients: ReadonlySet<number> };

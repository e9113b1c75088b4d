import type { MapSummary } from '../storage/Storage.ts';
import {
  MAP_TOO_NEW,
  type HostedApply,
  type HostedEmit,
  type HostedOpen,
  type HostedSource,
  type HostOp,
  type HostResults,
} from './DocCore.ts';
import { MapTooNewError } from './MapModel.ts';
import {
  portable,
  portableStored,
  type Compacted,
  type Offload,
  type StoredBytes,
} from './Offload.ts';

let nextKey = 1;

/**
 * The room's handle on its doc when the doc lives off the event loop: a big map's room keeps
 * sockets, the write gate, the commit pipeline and fan-out on the event loop, and sends the
 * doc bytes and questions (apply this, what does a client at this state vector lack, the
 * summary). Each is a `DocCore` operation run on the offload's thread (`WorkerOffload`: the
 * relay's Yjs worker; `InlineOffload`: this thread, in tests), answered in the order asked.
 */
export class DocHost {
  private readonly key = nextKey++;
  private closed = false;

  private constructor(private readonly offload: Offload) {}

  /**
   * Hosts `stored` (rebuilt and migrated by `model`, by name) on the offload's thread.
   * Rejects with `MapTooNewError` for a map this relay cannot read. Its bytes are handed
   * over (`portableStored`): rows as storage returns them move rather than being copied, and
   * are empty here afterwards.
   */
  static async open(
    offload: Offload,
    stored: StoredBytes,
    model: string | null,
  ): Promise<{ host: DocHost } & HostedOpen> {
    const host = new DocHost(offload);
    try {
      const transfer = new Set<ArrayBuffer>();
      const mine = portableStored(stored, transfer);
      const opened = await host.ask({ op: 'open', stored: mine, model }, transfer);
      return { host, ...opened };
    } catch (error) {
      host.close();
      throw error;
    }
  }

  /** Applies `update` (a client's is checked first, `DocCore.apply`). */
  apply(update: Uint8Array, source: HostedSource): Promise<HostedApply> {
    const transfer = new Set<ArrayBuffer>();
    return this.ask({ op: 'apply', update: portable(update, false, transfer), source }, transfer);
  }

  /**
   * Applies a stored map in one transaction; what it emitted is what the doc lacked. Its
   * bytes are handed over, as `open`'s.
   */
  repair(stored: StoredBytes): Promise<HostedEmit[]> {
    const transfer = new Set<ArrayBuffer>();
    return this.ask({ op: 'repair', stored: portableStored(stored, transfer) }, transfer);
  }

  /** What a client at `stateVector` lacks; the whole doc, integrated, without one. */
  diff(stateVector?: Uint8Array): Promise<Uint8Array> {
    return this.ask(stateVector ? { op: 'diff', stateVector } : { op: 'diff' });
  }

  /** The sync step 2 message, framed, answering a client at `stateVector`. */
  syncStep2(stateVector: Uint8Array): Promise<Uint8Array> {
    return this.ask({ op: 'syncStep2', stateVector });
  }

  /** The whole doc in slices that rebuild it applied in order (`DocCore.slices`). */
  slices(): Promise<Uint8Array[]> {
    return this.ask({ op: 'slices' });
  }

  /** Whether `update` would change nothing; rejects if it does not decode. */
  addsNothing(update: Uint8Array): Promise<boolean> {
    const transfer = new Set<ArrayBuffer>();
    return this.ask({ op: 'addsNothing', update: portable(update, false, transfer) }, transfer);
  }

  /** Forgets structs waiting on missing dependencies. */
  async dropPending(): Promise<void> {
    await this.ask({ op: 'dropPending' });
  }

  /** The map's summary by `model` (by name). */
  summary(model: string): Promise<MapSummary> {
    return this.ask({ op: 'summary', model });
  }

  /** A compaction's snapshot of the doc, with title and summary by `model` (by name). */
  compact(model: string | null): Promise<Compacted> {
    return this.ask({ op: 'compact', model });
  }

  /** The map's title by `model` (by name), or null if it has none. */
  title(model: string): Promise<string | null> {
    return this.ask({ op: 'title', model });
  }

  /** Frees the hosted doc (idempotent); later questions reject. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    // The worker may already be gone (shutdown): nothing is left to free then.
    this.offload.host(this.key, { op: 'close' }).catch(() => undefined);
  }

  private async ask<O extends HostOp>(
    op: O,
    transfer: ReadonlySet<ArrayBuffer> = new Set(),
  ): Promise<HostResults[O['op']]> {
    if (this.closed) throw new Error('the hosted doc is closed');
    try {
      return await this.offload.host(this.key, op, [...transfer]);
    } catch (error) {
      // A worker's error arrives as its text; `MapTooNewError` is one the caller handles.
      const text = error instanceof Error ? error.message : String(error);
      if (text.startsWith(`${MAP_TOO_NEW}: `)) {
        throw new MapTooNewError(text.slice(MAP_TOO_NEW.length + 2));
      }
      throw error;
    }
  }
}

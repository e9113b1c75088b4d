/**
 * A room's turns: work (client updates waiting behind a big one, sync replies, reads,
 * relay edits) runs one piece at a time in the order it arrived, so each room still applies
 * its clients' updates in that order while a big one is cut off-thread, applied in slices,
 * or sent to a hosted doc. Compaction is held while anything waits.
 */
export class RoomTurns {
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;

  /** `hold(true)` when work starts waiting, `hold(false)` once none is left. */
  constructor(private readonly hold: (held: boolean) => void) {}

  /** Whether any work is waiting or running. */
  get busy(): boolean {
    return this.queued > 0;
  }

  /**
   * Runs `work` after everything queued before it has been applied or answered; resolves or
   * rejects as it does.
   */
  run<T>(work: () => Promise<T> | T): Promise<T> {
    this.queued += 1;
    // One compaction once the queue is applied, not one per update committed meanwhile.
    this.hold(true);
    const result = this.queue.then(work);
    this.queue = result
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.queued -= 1;
        if (this.queued === 0) this.hold(false);
      });
    return result;
  }

  /** Resolves once nothing is waiting (work queued meanwhile is waited for too). */
  async idle(): Promise<void> {
    while (this.queued > 0) await this.queue;
  }
}

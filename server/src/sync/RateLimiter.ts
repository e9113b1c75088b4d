/**
 * Two token buckets, messages and bytes, refilled continuously. Each connection gets one; a
 * frame that finds either bucket empty means the connection sent more than it may.
 */
export class RateLimiter {
  private messages: number;
  private bytes: number;
  private last: number;

  constructor(
    private readonly messagesPerSecond: number,
    private readonly bytesPerSecond: number,
    private readonly burstBytes: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.messages = 2 * messagesPerSecond;
    this.bytes = burstBytes;
    this.last = now();
  }

  /** Takes one message of `size` bytes; false if either budget is exhausted. */
  take(size: number): boolean {
    const t = this.now();
    const seconds = (t - this.last) / 1000;
    this.last = t;
    this.messages = Math.min(
      2 * this.messagesPerSecond,
      this.messages + seconds * this.messagesPerSecond,
    );
    this.bytes = Math.min(this.burstBytes, this.bytes + seconds * this.bytesPerSecond);
    this.messages -= 1;
    this.bytes -= size;
    return this.messages >= 0 && this.bytes >= 0;
  }

  /** Which limit the last refused frame broke, for the log. */
  describe(): string {
    return this.messages < 0
      ? `${this.messagesPerSecond} messages/s`
      : `${this.bytesPerSecond} bytes/s (bursts of ${this.burstBytes})`;
  }
}

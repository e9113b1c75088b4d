import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface DelaySummary {
  /** Seconds. */
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * How late the event loop runs, over a sliding window: the current window and the one
 * before it, so a scrape always covers at least `windowMs` of recent history. A relay that
 * blocks its loop (a huge map decoding, a slow synchronous commit) delays every room, so
 * this is the figure to watch when maps get large.
 */
export class EventLoopDelay {
  private readonly histogram: IntervalHistogram;
  private previous: DelaySummary = { p50: 0, p99: 0, max: 0 };
  private readonly timer: NodeJS.Timeout;

  constructor(windowMs = 10_000, resolutionMs = 10) {
    this.histogram = monitorEventLoopDelay({ resolution: resolutionMs });
    this.histogram.enable();
    this.timer = setInterval(() => this.rotate(), windowMs);
    this.timer.unref();
  }

  /** The worse of the current and the previous window, per figure. */
  summary(): DelaySummary {
    const now = this.current();
    return {
      p50: Math.max(now.p50, this.previous.p50),
      p99: Math.max(now.p99, this.previous.p99),
      max: Math.max(now.max, this.previous.max),
    };
  }

  stop(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }

  private rotate(): void {
    this.previous = this.current();
    this.histogram.reset();
  }

  private current(): DelaySummary {
    // The histogram records nanoseconds; an empty one reports NaN/huge sentinels.
    if (this.histogram.count === 0) return { p50: 0, p99: 0, max: 0 };
    return {
      p50: this.histogram.percentile(50) / 1e9,
      p99: this.histogram.percentile(99) / 1e9,
      max: this.histogram.max / 1e9,
    };
  }
}

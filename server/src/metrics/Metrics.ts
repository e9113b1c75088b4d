import { EventLoopDelay } from './EventLoopDelay.ts';

/**
 * A tiny Prometheus text-format registry: counters, gauges read at scrape time, and
 * histograms. Hand-written because the relay needs a dozen series, not a client library.
 */

type Labels = Readonly<Record<string, string>>;

interface Series {
  readonly name: string;
  readonly help: string;
  render(out: string[]): void;
}

export class Counter implements Series {
  private readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(by = 1, labels: Labels = {}): void {
    const key = labelText(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }

  get(labels: Labels = {}): number {
    return this.values.get(labelText(labels)) ?? 0;
  }

  render(out: string[]): void {
    out.push(`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`);
    if (this.values.size === 0) out.push(`${this.name} 0`);
    for (const [labels, value] of this.values) out.push(`${this.name}${labels} ${value}`);
  }
}

export class Gauge implements Series {
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly read: () => number,
  ) {}

  render(out: string[]): void {
    out.push(`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`);
    out.push(`${this.name} ${this.read()}`);
  }
}

export class Histogram implements Series {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly buckets: readonly number[],
  ) {
    this.counts = buckets.map(() => 0);
  }

  observe(value: number): void {
    this.sum += value;
    this.count += 1;
    for (let i = 0; i < this.buckets.length; i++) {
      if (value <= (this.buckets[i] ?? Infinity)) this.counts[i] = (this.counts[i] ?? 0) + 1;
    }
  }

  render(out: string[]): void {
    out.push(`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`);
    this.buckets.forEach((le, i) => out.push(`${this.name}_bucket{le="${le}"} ${this.counts[i]}`));
    out.push(`${this.name}_bucket{le="+Inf"} ${this.count}`);
    out.push(`${this.name}_sum ${this.sum}`, `${this.name}_count ${this.count}`);
  }
}

export class Registry {
  private readonly series: Series[] = [];

  counter(name: string, help: string): Counter {
    return this.add(new Counter(name, help));
  }

  gauge(name: string, help: string, read: () => number): Gauge {
    return this.add(new Gauge(name, help, read));
  }

  histogram(name: string, help: string, buckets: readonly number[]): Histogram {
    return this.add(new Histogram(name, help, buckets));
  }

  /** The Prometheus text exposition format (version 0.0.4). */
  render(): string {
    const out: string[] = [];
    for (const s of this.series) s.render(out);
    return out.join('\n') + '\n';
  }

  private add<T extends Series>(series: T): T {
    this.series.push(series);
    return series;
  }
}

function labelText(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  const body = entries.map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '\\$&')}"`).join(',');
  return `{${body}}`;
}

/** The relay's series. One instance per relay, shared by rooms, storage and HTTP. */
export class RelayMetrics {
  readonly registry = new Registry();
  readonly updatesPersisted = this.registry.counter(
    'warrant_updates_persisted_total',
    'Yjs updates committed to storage',
  );
  readonly bytesPersisted = this.registry.counter(
    'warrant_update_bytes_persisted_total',
    'Bytes of Yjs updates committed to storage',
  );
  readonly commits = this.registry.counter(
    'warrant_commits_total',
    'Storage commits (each may hold many updates)',
  );
  readonly commitFailures = this.registry.counter(
    'warrant_commit_failures_total',
    'Storage commits that failed',
  );
  readonly commitSeconds = this.registry.histogram(
    'warrant_commit_seconds',
    'Time one group commit took, including fsync',
    [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
  );
  readonly commitBatchSize = this.registry.histogram(
    'warrant_commit_batch_updates',
    'Updates per group commit',
    [1, 2, 4, 8, 16, 32, 64, 128, 256],
  );
  readonly rejected = this.registry.counter(
    'warrant_rejected_messages_total',
    'Connections closed for bad input, by reason',
  );
  readonly compactions = this.registry.counter(
    'warrant_compactions_total',
    'Log compactions into a snapshot',
  );
  readonly repairs = this.registry.counter(
    'warrant_repairs_total',
    'Maps brought up to date from storage after fan-out missed or delayed an update',
  );
  readonly mapsLoaded = this.registry.counter(
    'warrant_map_loads_total',
    'Maps loaded from storage',
  );
  readonly mapsUnloaded = this.registry.counter(
    'warrant_map_unloads_total',
    'Maps unloaded after going idle',
  );

  /** Event-loop delay over the last 10–20 s. */
  readonly eventLoop = new EventLoopDelay();

  constructor(read: { connections: () => number; loadedMaps: () => number }) {
    const delay = (figure: 'p50' | 'p99' | 'max') => () => this.eventLoop.summary()[figure];
    this.registry.gauge(
      'warrant_event_loop_delay_p50_seconds',
      'Median event-loop delay over the last 10-20 s',
      delay('p50'),
    );
    this.registry.gauge(
      'warrant_event_loop_delay_p99_seconds',
      '99th percentile event-loop delay over the last 10-20 s',
      delay('p99'),
    );
    this.registry.gauge(
      'warrant_event_loop_delay_max_seconds',
      'Longest event-loop delay over the last 10-20 s',
      delay('max'),
    );
    this.registry.gauge('warrant_connections', 'Open sync connections', read.connections);
    this.registry.gauge('warrant_loaded_maps', 'Maps held in memory', read.loadedMaps);
    this.registry.gauge(
      'warrant_heap_used_bytes',
      'V8 heap in use',
      () => process.memoryUsage().heapUsed,
    );
    this.registry.gauge(
      'warrant_resident_memory_bytes',
      'Resident set size',
      () => process.memoryUsage().rss,
    );
  }

  /** Stops the event-loop sampler (the relay is closing). */
  stop(): void {
    this.eventLoop.stop();
  }
}

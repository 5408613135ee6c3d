/**
 * A minimal Prometheus registry: counters, gauges (set or computed at scrape time) and
 * histograms, rendered in the text exposition format 0.0.4. Small on purpose — the server
 * needs a dozen series, not a client library.
 */
export type Labels = Record<string, string>;

interface Metric {
  readonly name: string;
  render(): string[];
}

function labelText(labels: Labels | undefined, extra?: [string, string]): string {
  const pairs = Object.entries(labels ?? {});
  if (extra) pairs.push(extra);
  if (!pairs.length) return '';
  return `{${pairs.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

function escapeLabel(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('\n', '\\n').replaceAll('"', '\\"');
}

function num(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(v);
}

function key(labels: Labels | undefined): string {
  return JSON.stringify(Object.entries(labels ?? {}).sort(([a], [b]) => a.localeCompare(b)));
}

export class Counter implements Metric {
  private readonly values = new Map<string, { labels: Labels | undefined; value: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels?: Labels, by = 1): void {
    const k = key(labels);
    const entry = this.values.get(k);
    if (entry) entry.value += by;
    else this.values.set(k, { labels, value: by });
  }

  get(labels?: Labels): number {
    return this.values.get(key(labels))?.value ?? 0;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    if (!this.values.size) lines.push(`${this.name} 0`);
    for (const { labels, value } of this.values.values())
      lines.push(`${this.name}${labelText(labels)} ${num(value)}`);
    return lines;
  }
}

export class Gauge implements Metric {
  private value = 0;

  constructor(
    readonly name: string,
    readonly help: string,
    /** Computed at scrape time when given (e.g. the number of open connections). */
    private readonly collect?: () => number,
  ) {}

  set(v: number): void {
    this.value = v;
  }

  get(): number {
    return this.collect ? this.collect() : this.value;
  }

  render(): string[] {
    return [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} gauge`,
      `${this.name} ${num(this.get())}`,
    ];
  }
}

export class Histogram implements Metric {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;

  constructor(
    readonly name: string,
    readonly help: string,
    /** Upper bounds, ascending (seconds for durations). */
    readonly buckets: readonly number[],
  ) {
    this.counts = buckets.map(() => 0);
  }

  observe(v: number): void {
    this.sum += v;
    this.count++;
    for (let i = 0; i < this.buckets.length; i++) if (v <= this.buckets[i]!) this.counts[i]!++;
  }

  /** Runs fn and observes its duration in seconds. */
  time<T>(fn: () => T): T {
    const start = process.hrtime.bigint();
    try {
      return fn();
    } finally {
      this.observe(Number(process.hrtime.bigint() - start) / 1e9);
    }
  }

  get observations(): number {
    return this.count;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    this.buckets.forEach((b, i) => {
      lines.push(`${this.name}_bucket${labelText(undefined, ['le', num(b)])} ${this.counts[i]}`);
    });
    lines.push(`${this.name}_bucket{le="+Inf"} ${this.count}`);
    lines.push(`${this.name}_sum ${num(this.sum)}`, `${this.name}_count ${this.count}`);
    return lines;
  }
}

export class Registry {
  private readonly metrics: Metric[] = [];

  add<M extends Metric>(metric: M): M {
    if (this.metrics.some((m) => m.name === metric.name)) throw new Error(`duplicate metric ${metric.name}`);
    this.metrics.push(metric);
    return metric;
  }

  /** The text exposition format (Content-Type: text/plain; version=0.0.4). */
  render(): string {
    return `${this.metrics.flatMap((m) => m.render()).join('\n')}\n`;
  }
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

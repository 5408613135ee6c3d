import { Counter, Gauge, Histogram, Registry } from './registry.ts';

/** Live figures read at scrape time; wired by the app once the parts exist. */
export interface MetricSources {
  connections: () => number;
  roomsLoaded: () => number;
}

/** Error kinds counted in stockroom_errors_total (a fixed set, so label cardinality stays small). */
export type ErrorKindLabel =
  | 'bad_message'
  | 'message_too_large'
  | 'rate_limited'
  | 'connection_limit'
  | 'upgrade_refused'
  | 'storage'
  | 'room_unavailable'
  | 'http_5xx'
  | 'login_rate_limited'
  | 'refresh_refused'
  | 'audit'
  | 'write_refused'
  | 'awareness_dropped';

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** Every series the server exports on /metrics. */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly sources: MetricSources = { connections: () => 0, roomsLoaded: () => 0 };
  private readonly started = Date.now();

  readonly connections = this.registry.add(
    new Gauge('stockroom_sync_connections', 'Open sync (WebSocket) connections', () =>
      this.sources.connections(),
    ),
  );
  readonly roomsLoaded = this.registry.add(
    new Gauge('stockroom_rooms_loaded', 'Rooms (Yjs documents) loaded in memory', () =>
      this.sources.roomsLoaded(),
    ),
  );
  readonly connectionsOpened = this.registry.add(
    new Counter('stockroom_sync_connections_opened_total', 'Sync connections accepted since start'),
  );
  readonly updates = this.registry.add(
    new Counter(
      'stockroom_updates_persisted_total',
      'Room updates durably stored, by room kind (rate() of this is updates/s)',
    ),
  );
  readonly updateBytes = this.registry.add(
    new Counter('stockroom_update_bytes_persisted_total', 'Bytes of room updates durably stored'),
  );
  readonly persistSeconds = this.registry.add(
    new Histogram(
      'stockroom_persist_seconds',
      'Time to insert one update row (its commit, shared with the updates of the same moment, is stockroom_commit_seconds)',
      LATENCY_BUCKETS,
    ),
  );
  readonly commitSeconds = this.registry.add(
    new Histogram(
      'stockroom_commit_seconds',
      'Time to store one group of updates (one transaction, one fsync)',
      LATENCY_BUCKETS,
    ),
  );
  readonly compactSeconds = this.registry.add(
    new Histogram(
      'stockroom_compaction_seconds',
      'Time to merge a room’s stored updates into one row',
      LATENCY_BUCKETS,
    ),
  );
  readonly roomLoadSeconds = this.registry.add(
    new Histogram('stockroom_room_load_seconds', 'Time to read a room’s stored updates', LATENCY_BUCKETS),
  );
  readonly errors = this.registry.add(
    new Counter('stockroom_errors_total', 'Refusals and failures, by kind (bad_message, rate_limited, ...)'),
  );
  readonly loginFailures = this.registry.add(
    new Counter('stockroom_login_failures_total', 'Failed logins (wrong password, unknown or inactive user)'),
  );
  readonly httpRequests = this.registry.add(
    new Counter('stockroom_http_requests_total', 'HTTP requests answered, by status class'),
  );

  constructor() {
    this.registry.add(
      new Gauge('process_resident_memory_bytes', 'Resident memory size in bytes', () =>
        process.memoryUsage.rss(),
      ),
    );
    this.registry.add(
      new Gauge('nodejs_heap_used_bytes', 'V8 heap in use, in bytes', () => process.memoryUsage().heapUsed),
    );
    this.registry.add(
      new Gauge(
        'process_uptime_seconds',
        'Seconds since the server started',
        () => (Date.now() - this.started) / 1000,
      ),
    );
  }

  error(kind: ErrorKindLabel): void {
    this.errors.inc({ kind });
  }

  render(): string {
    return this.registry.render();
  }
}

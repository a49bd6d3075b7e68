import { Counter, Gauge, Histogram, Registry } from 'prom-client';

// What an operator watches (GET /metrics, Prometheus text format; docs/deploy.md,
// "Metrics"). Counts and durations only: no session id, token, name or card
// text is ever a label. One registry per server, so tests can run several.

export class Metrics {
  readonly registry = new Registry();

  /** Updates applied to documents from peers, and their bytes. */
  readonly updates = new Counter({ name: 'plenum_updates_total', help: 'Document updates applied from peers', registers: [this.registry] });
  readonly updateBytes = new Counter({ name: 'plenum_update_bytes_total', help: 'Bytes of document updates applied from peers', registers: [this.registry] });
  /** Messages refused or connections closed for what they sent, by reason. */
  readonly rejected = new Counter({
    name: 'plenum_rejected_messages_total',
    help: 'Messages refused by the server, by reason (malformed, invalid_write, permission, too_many_messages, slow_consumer; dots_taken_back: a write kept without the dots it gave too late)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  /** One group commit: the SQLite transaction that makes a batch of updates durable. */
  readonly commitSeconds = new Histogram({
    name: 'plenum_commit_seconds',
    help: 'Duration of one persistence batch (group commit)',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
    registers: [this.registry],
  });
  /** One checkpoint of the write-ahead log by the checkpoint thread (checkpointer.ts). */
  readonly checkpointSeconds = new Histogram({
    name: 'plenum_checkpoint_seconds',
    help: 'Duration of one checkpoint of the SQLite write-ahead log (off the commit path)',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly exportSeconds = new Histogram({
    name: 'plenum_export_seconds',
    help: 'Duration of a protocol export, by format',
    labelNames: ['format'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly requests = new Counter({
    name: 'plenum_http_requests_total',
    help: 'HTTP requests answered, by status class',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  constructor(sources: { connections(): number; loadedDocuments(): number }) {
    new Gauge({
      name: 'plenum_connections',
      help: 'Open websocket connections',
      registers: [this.registry],
      collect() {
        this.set(sources.connections());
      },
    });
    new Gauge({
      name: 'plenum_loaded_documents',
      help: 'Documents loaded in memory (rooms)',
      registers: [this.registry],
      collect() {
        this.set(sources.loadedDocuments());
      },
    });
    new Gauge({
      name: 'plenum_resident_memory_bytes',
      help: 'Resident memory of the server process',
      registers: [this.registry],
      collect() {
        this.set(process.memoryUsage.rss());
      },
    });
  }

  /** The text a Prometheus server scrapes. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

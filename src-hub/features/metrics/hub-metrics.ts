import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type ClaimOutcome = 'won' | 'already_claimed' | 'already_mine' | 'closed' | 'not_found';
export type SyncPhase = 'boot' | 'change' | 'reset';
export type WonOutcome = 'started' | 'confirmed' | 'failed';
export type MailOutcome = 'sent' | 'retrying' | 'failed';

/** What a scrape reads from outside the process at that moment (the outbox, the pool). */
export interface MetricsSources {
  outboxDepth(): Promise<Array<{ status: string; count: number }>>;
  pool(): { total: number; idle: number; waiting: number } | null;
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The hub's Prometheus metrics (prom-client), one registry per hub so several hubs in one process (tests,
 * training) never share counters. Each is moved where its event happens: claim.service, sync.service,
 * events.routes, the relay's call log, the Won services, the mail worker, the timed database.
 */
export class HubMetrics {
  readonly registry = new Registry();
  private sources: MetricsSources | null = null;

  readonly httpRequests = new Histogram({
    name: 'hub_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status, with their latency (event streams are counted when they close in hub_event_streams_open only)',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  readonly claims = new Counter({
    name: 'hub_claims_total',
    help: 'Claim requests by outcome: won (this request took the lead), already_claimed (someone else holds it), already_mine, closed, not_found',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly syncPages = new Counter({
    name: 'hub_sync_pages_total',
    help: 'GET /sync pages served by phase: boot (first copy), change (changes after a cursor), reset (the client must start again)',
    labelNames: ['phase'] as const,
    registers: [this.registry],
  });

  readonly syncHorizonLag = new Gauge({
    name: 'hub_sync_horizon_lag_transactions',
    help: 'At the last change page: transactions between the sync horizon (the oldest running transaction) and the newest; grows while a long transaction holds every change back from sync',
    registers: [this.registry],
  });

  readonly eventStreams = new Gauge({ name: 'hub_event_streams_open', help: 'Open GET /events streams on this hub', registers: [this.registry] });

  readonly relayCalls = new Counter({
    name: 'hub_relay_calls_total',
    help: 'Dealer relay calls by dealership id and outcome (ok, odoo_error, unreachable, timeout, http_502…, or the refusal code)',
    labelNames: ['dealership', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly wonPushes = new Counter({
    name: 'hub_won_pushes_total',
    help: 'Mark as Won pushes by outcome: started (lease taken), confirmed (Sales Order recorded on the lead), failed (reported by the app)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly mailAttempts = new Counter({
    name: 'hub_mail_attempts_total',
    help: 'Mail outbox delivery attempts by outcome: sent, retrying (failed, will try again), failed (given up)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly dbQueries = new Histogram({
    name: 'hub_db_query_duration_seconds',
    help: 'Database statements by operation (select, insert, update, delete, with, other) and their duration',
    labelNames: ['operation'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  readonly slowQueries = new Counter({
    name: 'hub_db_slow_queries_total',
    help: 'Database statements slower than the slow-query threshold (each also logged with its SQL)',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });

  constructor() {
    // collect() runs with the gauge as `this`; the sources are read through this arrow
    const sources = () => this.sources;
    new Gauge({
      name: 'hub_mail_outbox_mails',
      help: 'Mails waiting in the outbox by status (queued, retrying)',
      labelNames: ['status'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of (await sources()?.outboxDepth()) ?? []) this.set({ status: row.status }, row.count);
      },
    });
    new Gauge({
      name: 'hub_db_pool_connections',
      help: 'PostgreSQL pool connections by state: total (open), idle, waiting (requests queued for a connection); absent on PGlite',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        const pool = sources()?.pool();
        if (pool) for (const state of ['total', 'idle', 'waiting'] as const) this.set({ state }, pool[state]);
      },
    });
  }

  /** Where scrape-time gauges read from; set once the database is known. */
  readFrom(sources: MetricsSources): void {
    this.sources = sources;
  }

  /** Node's process metrics (CPU, memory, event-loop delay, GC): only for a hub that serves /metrics. */
  collectProcessMetrics(): void {
    collectDefaultMetrics({ register: this.registry });
  }
}

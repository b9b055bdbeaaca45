import type { Database } from './db/database';
import type { Clock } from './http/clock';
import type { AnyRouteSpec } from './http/route';
import type { AuthService } from './features/auth/auth.service';
import type { PasswordCost } from './features/auth/password';
import type { SecretBox } from './features/secrets/secret-box';
import type { ReadinessChecks } from './features/health/readiness';
import type { HubMetrics } from './features/metrics/hub-metrics';

export interface HubConfig {
  /** Country code used to normalise national phone numbers for de-duplication. */
  defaultCountryCode: string;
  passwordCost: PasswordCost;
  /** How long a Won lease holds the relay open: the dealer's time limit. */
  wonLeaseMs: number;
  /** How long a manager's Test Connection lease lasts. */
  testLeaseMs: number;
  /** The dealer relay's per-call time limit. */
  dealerTimeoutMs: number;
  /** Demo (training) mode: mails stay in the local mailbox without SMTP. */
  demo: boolean;
  /** Dealers on this machine (the sandbox of tests and training): `--demo` or HUB_ALLOW_LOOPBACK_DEALERS=1. */
  allowLoopbackDealers?: boolean;
  /** Time between `: ping` heartbeats on `GET /events` streams (default 15 s). */
  eventHeartbeatMs?: number;
  /** At most one `change` event per user per this many milliseconds on `GET /events` (default 50; tests set 0). */
  eventCoalesceMs?: number;
  /** The mail outbox's SMTP server (`smtp://user:pass@host:587`); undefined: the SMTP_URL environment variable; null: none. */
  smtpUrl?: string | null;
  /** The From address of the hub's e-mails; undefined: MAIL_FROM, else a no-reply address. */
  mailFrom?: string;
  /** The floor's time zone (IANA name) for times written in e-mails; undefined: FLOOR_TIME_ZONE, else UTC. */
  floorTimeZone?: string;
  /** How often the mail worker runs; 0 starts no timer (tests call its tick themselves). */
  mailPollMs?: number;
  /** Where published app updates live (HUB_UPDATES_DIR, else the data folder's `updates`); null: none served. */
  updatesDir?: string | null;
  /** The bearer token of `GET /metrics`; undefined: HUB_METRICS_TOKEN; null or unset: no /metrics. */
  metricsToken?: string | null;
  /** Statements slower than this are counted and logged (default 500 ms). */
  slowQueryMs?: number;
  /** The oldest app version served; undefined: HUB_MIN_APP_VERSION, else the hub's own MIN_APP_VERSION. */
  minAppVersion?: string;
}

/** What every feature is given: storage, time, configuration, and the shared services. */
export interface HubContext {
  db: Database;
  clock: Clock;
  config: HubConfig;
  auth: AuthService;
  /** Encrypts secrets at rest (dealer API keys). */
  secrets: SecretBox;
  /** Every route's spec, for the OpenAPI document. */
  routes: AnyRouteSpec[];
  log: HubLog;
  /** What `GET /readyz` checks; features add their own. */
  readiness: ReadinessChecks;
  /** Prometheus metrics, moved where things happen. */
  metrics: HubMetrics;
}

/** Extra fields of a log line (`reqId`, `leaseId`…): ids and counts, never secrets or customer data. */
export type LogContext = Record<string, string | number | boolean | null>;

/** The features' log: backed by the hub's JSON logger (features/logging), or a test's capture. */
export interface HubLog {
  info(message: string, context?: LogContext): void;
  error(message: string, error?: unknown, context?: LogContext): void;
}

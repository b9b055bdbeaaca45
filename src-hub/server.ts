import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Database } from './db/database';
import { registerAppVersionGate } from './features/app-version/app-version-gate';
import { allowedMethodsFor } from './http/allowed-methods';
import { installErrorHandling, installJsonParser } from './http/error-handler';
import { systemClock, type Clock } from './http/clock';
import type { TrustProxy } from './http/trust-proxy';
import type { HubConfig, HubContext, HubLog } from './hub-context';
import { AuthService } from './features/auth/auth.service';
import { SessionCache } from './features/auth/session-cache';
import { flushCommittedNotices } from './features/changes/change-log';
import { LoginThrottle, DEFAULT_THROTTLE, type ThrottleLimits } from './features/auth/login-throttle';
import { DEFAULT_PASSWORD_COST } from './features/auth/password';
import type { SecretBox } from './features/secrets/secret-box';
import { createHubLogger, hubLogOf, logLevelOf, type HubLogger } from './features/logging/hub-logger';
import { HubLogController } from './features/logging/request-log';
import { registerAuthRoutes } from './features/auth/auth.routes';
import { registerConfigReadRoutes } from './features/config/config-read.routes';
import { registerConfigWriteRoutes } from './features/config/config-write.routes';
import { registerUnclaimedAlertRoutes } from './features/config/unclaimed-alerts.routes';
import { registerIntakeRoutes } from './features/intake/intake.routes';
import { registerLeadEditRoutes } from './features/leads/lead-edit.routes';
import { registerUserRoutes } from './features/users/users.routes';
import { registerLeadsRoutes } from './features/leads/leads.routes';
import { registerReassignmentRoutes } from './features/leads/reassignment.routes';
import { registerOpenApiRoute } from './features/openapi/openapi.routes';
import { registerSyncRoutes } from './features/sync/sync.routes';
import { registerEventsRoutes } from './features/events/events.routes';
import { registerWorkRoutes } from './features/work/work.routes';
import { registerWonRoutes } from './features/won/won.routes';
import { registerRelayRoutes } from './features/relay/relay.routes';
import { registerUpdatesRoutes } from './features/updates/updates.routes';
import { registerMailRoutes } from './features/mail/mail.routes';
import { registerReportsRoutes } from './features/reports/reports.routes';
import { registerLeadsExportRoutes } from './features/leads/leads-export.routes';
import { registerHealthRoutes } from './features/health/health.routes';
import { ReadinessChecks } from './features/health/readiness';
import { HubMetrics } from './features/metrics/hub-metrics';
import { registerMetrics } from './features/metrics/metrics.routes';
import { DEFAULT_SLOW_QUERY_MS, observeQueries } from './features/metrics/query-observer';
import { timedDatabase } from './db/timed-database';
import { registerShutdown } from './features/shutdown/graceful-close';
import { registerSettingsRoutes } from './features/settings/settings.routes';

export const API_PREFIX = '/api/v1';
export const BODY_LIMIT_BYTES = 1024 * 1024;

export const DEFAULT_CONFIG: HubConfig = {
  defaultCountryCode: '63',
  passwordCost: DEFAULT_PASSWORD_COST,
  // Longer than the saga can take, including the wait after an uncertain create (Odoo may commit it up to
  // ~2 min later): a lease that lapsed mid-push could let a second workstation create a second order.
  wonLeaseMs: 10 * 60_000,
  testLeaseMs: 2 * 60_000,
  dealerTimeoutMs: 30_000,
  demo: false,
};

export interface HubOptions {
  db: Database;
  secrets: SecretBox;
  clock?: Clock;
  config?: Partial<HubConfig>;
  throttle?: ThrottleLimits;
  /** The JSON-lines logger (fastify's pino); by default standard output at LOG_LEVEL, else warnings and errors only. */
  logger?: HubLogger;
  /** Where the features' messages go instead of `logger` (tests capture them). */
  log?: HubLog;
  /** Whose X-Forwarded-For to believe (HUB_TRUST_PROXY); nobody's by default. */
  trustProxy?: TrustProxy;
  /** Serve HTTPS (`--tls-cert`, `--tls-key`); otherwise plain HTTP, for loopback or behind a TLS proxy. */
  tls?: { cert: Buffer; key: Buffer } | undefined;
  /** Tests only: hooks added before any route (the contract check records every request and answer). */
  instrument?: ((app: FastifyInstance, hub: HubContext) => void) | undefined;
}

/** The logger of a hub started without one: standard output at LOG_LEVEL (warnings and errors when unset). */
export function defaultHubLogger(): HubLogger {
  return createHubLogger({ level: logLevelOf(process.env['LOG_LEVEL'], 'warn') });
}

/** Builds the hub: a list of feature registrations, at the root for operators and under /api/v1 (STYLE.md habit 9). */
export async function buildHub(options: HubOptions): Promise<{ app: FastifyInstance; hub: HubContext }> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? defaultHubLogger();
  const log = options.log ?? hubLogOf(logger);
  const config = { ...DEFAULT_CONFIG, ...options.config };
  const metrics = new HubMetrics();
  const db = timedDatabase(options.db, observeQueries(metrics, log, config.slowQueryMs ?? DEFAULT_SLOW_QUERY_MS));
  const hub: HubContext = {
    db,
    clock,
    config,
    auth: new AuthService(db, clock, new LoginThrottle(clock, options.throttle ?? DEFAULT_THROTTLE), new SessionCache(db, log)),
    secrets: options.secrets,
    routes: [],
    log,
    readiness: new ReadinessChecks(),
    metrics,
  };
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: () => randomUUID(),
    loggerInstance: logger,
    logController: new HubLogController(),
    trustProxy: options.trustProxy ?? false,
    // While closing, a request on a kept-alive connection is served (with Connection: close), not refused:
    // the database is still open until every request has finished (features/shutdown).
    return503OnClosing: false,
    ...(options.tls ? { https: options.tls } : {}),
  }) as unknown as FastifyInstance; // the https variant has the same surface for our routes
  app.addHook('onClose', async () => {
    await Promise.all([hub.auth.close(), flushCommittedNotices(hub.db)]);
  });
  options.instrument?.(app, hub);
  installJsonParser(app, BODY_LIMIT_BYTES);
  installErrorHandling(app, { internal: (requestId, error) => log.error(`request ${requestId} failed`, error, { reqId: requestId }) }, allowedMethodsFor(hub.routes, API_PREFIX));
  registerAppVersionGate(app, hub);
  // Operators' endpoints at the root (probes must not move with the API version).
  registerHealthRoutes(app, hub);
  registerMetrics(app, hub);
  registerShutdown(app, hub);
  await app.register(
    async (api) => {
      registerAuthRoutes(api, hub);
      registerConfigReadRoutes(api, hub);
      registerConfigWriteRoutes(api, hub);
      registerUnclaimedAlertRoutes(api, hub);
      registerUserRoutes(api, hub);
      registerIntakeRoutes(api, hub);
      registerLeadEditRoutes(api, hub);
      registerLeadsRoutes(api, hub);
      registerReassignmentRoutes(api, hub);
      registerLeadsExportRoutes(api, hub);
      registerWorkRoutes(api, hub);
      registerWonRoutes(api, hub);
      registerRelayRoutes(api, hub);
      registerUpdatesRoutes(api, hub);
      registerMailRoutes(api, hub);
      registerReportsRoutes(api, hub);
      registerSyncRoutes(api, hub);
      registerEventsRoutes(api, hub);
      registerSettingsRoutes(api, hub);
      registerOpenApiRoute(api, hub);
    },
    { prefix: API_PREFIX },
  );
  return { app, hub };
}

import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Database } from './db/database';
import { allowedMethodsFor } from './http/allowed-methods';
import { installErrorHandling, installJsonParser } from './http/error-handler';
import { systemClock, type Clock } from './http/clock';
import type { TrustProxy } from './http/trust-proxy';
import type { HubConfig, HubContext, HubLog } from './hub-context';
import { AuthService } from './features/auth/auth.service';
import { LoginThrottle, DEFAULT_THROTTLE, type ThrottleLimits } from './features/auth/login-throttle';
import { DEFAULT_PASSWORD_COST } from './features/auth/password';
import type { SecretBox } from './features/secrets/secret-box';
import { registerAuthRoutes } from './features/auth/auth.routes';
import { registerConfigReadRoutes } from './features/config/config-read.routes';
import { registerConfigWriteRoutes } from './features/config/config-write.routes';
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
import { registerMailRoutes } from './features/mail/mail.routes';
import { registerReportsRoutes } from './features/reports/reports.routes';
import { registerLeadsExportRoutes } from './features/leads/leads-export.routes';

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
  log?: HubLog;
  /** Whose X-Forwarded-For to believe (HUB_TRUST_PROXY); nobody's by default. */
  trustProxy?: TrustProxy;
  /** Serve HTTPS (`--tls-cert`, `--tls-key`); otherwise plain HTTP, for loopback or behind a TLS proxy. */
  tls?: { cert: Buffer; key: Buffer } | undefined;
  /** Tests only: hooks added before any route (the contract check records every request and answer). */
  instrument?: ((app: FastifyInstance, hub: HubContext) => void) | undefined;
}

export const consoleLog: HubLog = {
  info: (message) => console.log(`[hub] ${message}`),
  error: (message, error) => console.error(`[hub] ${message}`, error instanceof Error ? (error.stack ?? error.message) : (error ?? '')),
};

/** Builds the hub: a list of feature registrations under /api/v1 (STYLE.md habit 9). */
export async function buildHub(options: HubOptions): Promise<{ app: FastifyInstance; hub: HubContext }> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? consoleLog;
  const hub: HubContext = {
    db: options.db,
    clock,
    config: { ...DEFAULT_CONFIG, ...options.config },
    auth: new AuthService(options.db, clock, new LoginThrottle(clock, options.throttle ?? DEFAULT_THROTTLE)),
    secrets: options.secrets,
    routes: [],
    log,
  };
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: () => randomUUID(),
    logger: false,
    trustProxy: options.trustProxy ?? false,
    ...(options.tls ? { https: options.tls } : {}),
  }) as unknown as FastifyInstance; // the https variant has the same surface for our routes
  options.instrument?.(app, hub);
  installJsonParser(app, BODY_LIMIT_BYTES);
  installErrorHandling(app, { internal: (requestId, error) => log.error(`request ${requestId} failed`, error) }, allowedMethodsFor(hub.routes, API_PREFIX));
  await app.register(
    async (api) => {
      registerAuthRoutes(api, hub);
      registerConfigReadRoutes(api, hub);
      registerConfigWriteRoutes(api, hub);
      registerUserRoutes(api, hub);
      registerIntakeRoutes(api, hub);
      registerLeadEditRoutes(api, hub);
      registerLeadsRoutes(api, hub);
      registerReassignmentRoutes(api, hub);
      registerLeadsExportRoutes(api, hub);
      registerWorkRoutes(api, hub);
      registerWonRoutes(api, hub);
      registerRelayRoutes(api, hub);
      registerMailRoutes(api, hub);
      registerReportsRoutes(api, hub);
      registerSyncRoutes(api, hub);
      registerEventsRoutes(api, hub);
      registerOpenApiRoute(api, hub);
    },
    { prefix: API_PREFIX },
  );
  return { app, hub };
}

import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { openDatabase, type StorageOptions } from './db/open-database';
import type { MigrationPolicy } from './db/migrate';
import { slowQueryThresholdOf } from './features/metrics/query-observer';
import type { Database } from './db/database';
import type { Clock } from './http/clock';
import { systemClock } from './http/clock';
import type { HubConfig, HubLog } from './hub-context';
import { seedDemo } from './features/seed/demo-seed';
import { seedDemoWork } from './features/seed/demo-work';
import { buildHub, DEFAULT_CONFIG, defaultHubLogger, type HubOptions } from './server';
import { hubLogOf, type HubLogger } from './features/logging/hub-logger';
import type { ThrottleLimits } from './features/auth/login-throttle';
import { SecretBox } from './features/secrets/secret-box';
import { trustProxyOf, type TrustProxy } from './http/trust-proxy';
import { startMailWorker } from './features/mail/mail-worker';
import { floorTimeZoneOf } from './features/mail/mail-config';
import { metricsTokenOf } from './features/metrics/metrics-token';
import { minAppVersionOf } from './features/app-version/app-version-gate';
import { closeGracefully, shutdownGraceOf } from './features/shutdown/graceful-close';
import { openAdminEndpoint, type AdminEndpoint } from './features/backup/admin-endpoint';
import { backupPgliteDatabase } from './db/pglite-database';

export interface StartHubOptions {
  storage: StorageOptions;
  /** Migrations the database lacks: `apply` (default: the app's training hub, tests) or, for `serve`, `new-database-only`. */
  migrations?: Exclude<MigrationPolicy, 'none'>;
  host?: string;
  port?: number;
  tls?: { cert: Buffer; key: Buffer } | undefined;
  demo?: { leads: number } | undefined;
  config?: Partial<HubConfig>;
  clock?: Clock;
  throttle?: ThrottleLimits;
  /** The JSON-lines logger; by default standard output at LOG_LEVEL (warnings and errors when unset). */
  logger?: HubLogger;
  /** Where the features' messages go instead of `logger` (tests capture them). */
  log?: HubLog;
  /** Undefined: the HUB_TRUST_PROXY environment variable. */
  trustProxy?: TrustProxy;
  /** Tests pass a throwaway key; otherwise HUB_SECRET or the data folder's key file. */
  secrets?: SecretBox;
  /** How long close() lets requests in flight finish; undefined: HUB_SHUTDOWN_GRACE_MS (10 s). */
  shutdownGraceMs?: number;
  /** Tests only: see HubOptions.instrument. */
  instrument?: HubOptions['instrument'];
}

export interface RunningHub {
  url: string;
  port: number;
  db: Database;
  /**
   * Stops gracefully: no new connections, requests in flight finish (cut after the grace period), event streams
   * end with a reconnect hint, the mail worker finishes its tick, then the database closes (releasing the data
   * folder's lock). Resolves to whether requests had to be cut. Calling it again waits for the same stop.
   */
  close(): Promise<{ forced: boolean }>;
}

/** Opens storage (migrating it), seeds the demo once when asked, and listens. */
export async function startHub(options: StartHubOptions): Promise<RunningHub> {
  const clock = options.clock ?? systemClock;
  const demo = Boolean(options.demo) || Boolean(options.config?.demo);
  const allowLoopbackDealers = options.config?.allowLoopbackDealers ?? (demo || process.env['HUB_ALLOW_LOOPBACK_DEALERS'] === '1');
  const updatesDir = options.config?.updatesDir !== undefined ? options.config.updatesDir : updatesDirOf(process.env['HUB_UPDATES_DIR'], options.storage.dataDir);
  const slowQueryMs = options.config?.slowQueryMs ?? slowQueryThresholdOf(process.env['HUB_SLOW_QUERY_MS']);
  const config = { ...DEFAULT_CONFIG, ...options.config, demo, allowLoopbackDealers, updatesDir, slowQueryMs };
  // A mistyped FLOOR_TIME_ZONE stops the start with its name, before the data is opened, not at the first reminder.
  floorTimeZoneOf(config);
  metricsTokenOf(config);
  minAppVersionOf(config);
  const graceMs = options.shutdownGraceMs ?? shutdownGraceOf(process.env['HUB_SHUTDOWN_GRACE_MS']);
  const trustProxy = options.trustProxy ?? trustProxyOf(process.env['HUB_TRUST_PROXY']);
  const logger = options.logger ?? defaultHubLogger();
  const log = options.log ?? hubLogOf(logger);
  const db = await openDatabase(options.storage, { log, migrations: options.migrations ?? 'apply' });
  try {
    const secrets =
      options.secrets ??
      (options.storage.dataDir === null && !options.storage.databaseUrl
        ? SecretBox.ephemeral()
        : SecretBox.load({ hubSecret: process.env['HUB_SECRET'], dataDir: options.storage.dataDir }));
    const warning = options.secrets ? null : secretKeyWarning({ demo, hubSecret: process.env['HUB_SECRET'], dataDir: options.storage.dataDir });
    if (warning) log.info(warning);
    let seeded = false;
    if (options.demo) {
      seeded = await seedDemo(db, { leads: options.demo.leads, now: clock.now(), passwordCost: config.passwordCost, defaultCountryCode: config.defaultCountryCode });
    }
    const { app, hub } = await buildHub({ db, secrets, clock, config, trustProxy, tls: options.tls, instrument: options.instrument, ...(options.throttle ? { throttle: options.throttle } : {}), logger, log });
    if (seeded) await seedDemoWork(hub);
    const mailWorker = startMailWorker(hub);
    hub.readiness.add('mailWorker', () => mailWorker.health());
    const host = options.host ?? '127.0.0.1';
    let admin: AdminEndpoint | null = null;
    try {
      // PGlite in a folder: this process holds the folder's lock, so `hub admin backup` asks it for the snapshot.
      const dataDir = options.storage.databaseUrl ? null : options.storage.dataDir;
      if (dataDir) admin = await openAdminEndpoint(dataDir, { backup: () => backupPgliteDatabase(db) }, log);
      await app.listen({ host, port: options.port ?? 0 });
    } catch (error) {
      await admin?.close();
      await mailWorker.stop();
      await app.close();
      throw error;
    }
    const port = (app.server.address() as AddressInfo).port;
    let closing: Promise<{ forced: boolean }> | null = null;
    const stop = async (): Promise<{ forced: boolean }> => {
      let forced = false;
      const work = (async () => {
        const [closed] = await Promise.all([closeGracefully(app, graceMs), mailWorker.stop(), admin?.close()]);
        forced = closed.forced;
        await db.close();
      })();
      // A request cut after the grace period may still wait on the database (a lock), and so would the mail
      // worker's tick and the pool's end: past the margin they are left to the process's exit.
      if (!(await finishesWithin(work, graceMs + STOP_MARGIN_MS))) {
        log.error(`the hub did not stop within ${graceMs + STOP_MARGIN_MS} ms; what still runs is left to the process's exit`);
        return { forced: true };
      }
      return { forced };
    };
    return {
      url: `${options.tls ? 'https' : 'http'}://${host}:${port}`,
      port,
      db,
      close: () => (closing ??= stop()),
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** After the grace period: time for the mail worker's tick and the database to finish. */
const STOP_MARGIN_MS = 3_000;

async function finishesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    const finished = work.then(() => true as const);
    finished.catch(() => undefined); // a failure after the margin has nobody left to tell
    return await Promise.race([finished, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Without HUB_SECRET the key that encrypts dealer API keys lives in the data folder beside the database, so a
 * copy of the folder (a backup) carries both. Fine for training; said at every start otherwise.
 */
export function secretKeyWarning(options: { demo: boolean; hubSecret: string | undefined; dataDir: string | null }): string | null {
  if (options.demo || options.hubSecret || options.dataDir === null) return null;
  return `WARNING: HUB_SECRET is not set, so the key that encrypts dealer API keys is kept in ${options.dataDir}/hub-secret.key, beside the database: any backup of that folder holds both. Set HUB_SECRET (at least 16 characters) and keep it elsewhere.`;
}

/** Published app updates: HUB_UPDATES_DIR (shared storage when several hubs serve one floor), else DIR/updates. */
export function updatesDirOf(env: string | undefined, dataDir: string | null): string | null {
  if (env) return env;
  return dataDir ? join(dataDir, 'updates') : null;
}

import type { AddressInfo } from 'node:net';
import { openDatabase, type StorageOptions } from './db/open-database';
import type { Database } from './db/database';
import type { Clock } from './http/clock';
import { systemClock } from './http/clock';
import type { HubConfig, HubLog } from './hub-context';
import { seedDemo } from './features/seed/demo-seed';
import { seedDemoWork } from './features/seed/demo-work';
import { buildHub, consoleLog, DEFAULT_CONFIG, type HubOptions } from './server';
import type { ThrottleLimits } from './features/auth/login-throttle';
import { SecretBox } from './features/secrets/secret-box';
import { trustProxyOf, type TrustProxy } from './http/trust-proxy';
import { startMailWorker } from './features/mail/mail-worker';
import { floorTimeZoneOf } from './features/mail/mail-config';

export interface StartHubOptions {
  storage: StorageOptions;
  host?: string;
  port?: number;
  tls?: { cert: Buffer; key: Buffer } | undefined;
  demo?: { leads: number } | undefined;
  config?: Partial<HubConfig>;
  clock?: Clock;
  throttle?: ThrottleLimits;
  log?: HubLog;
  /** Undefined: the HUB_TRUST_PROXY environment variable. */
  trustProxy?: TrustProxy;
  /** Tests pass a throwaway key; otherwise HUB_SECRET or the data folder's key file. */
  secrets?: SecretBox;
  /** Tests only: see HubOptions.instrument. */
  instrument?: HubOptions['instrument'];
}

export interface RunningHub {
  url: string;
  port: number;
  db: Database;
  close(): Promise<void>;
}

/** Opens storage (migrating it), seeds the demo once when asked, and listens. */
export async function startHub(options: StartHubOptions): Promise<RunningHub> {
  const clock = options.clock ?? systemClock;
  const demo = Boolean(options.demo) || Boolean(options.config?.demo);
  const allowLoopbackDealers = options.config?.allowLoopbackDealers ?? (demo || process.env['HUB_ALLOW_LOOPBACK_DEALERS'] === '1');
  const config = { ...DEFAULT_CONFIG, ...options.config, demo, allowLoopbackDealers };
  // A mistyped FLOOR_TIME_ZONE stops the start with its name, before the data is opened, not at the first reminder.
  floorTimeZoneOf(config);
  const trustProxy = options.trustProxy ?? trustProxyOf(process.env['HUB_TRUST_PROXY']);
  const db = await openDatabase(options.storage);
  try {
    const secrets =
      options.secrets ??
      (options.storage.dataDir === null && !options.storage.databaseUrl
        ? SecretBox.ephemeral()
        : SecretBox.load({ hubSecret: process.env['HUB_SECRET'], dataDir: options.storage.dataDir }));
    const warning = options.secrets ? null : secretKeyWarning({ demo, hubSecret: process.env['HUB_SECRET'], dataDir: options.storage.dataDir });
    if (warning) (options.log ?? consoleLog).info(warning);
    let seeded = false;
    if (options.demo) {
      seeded = await seedDemo(db, { leads: options.demo.leads, now: clock.now(), passwordCost: config.passwordCost, defaultCountryCode: config.defaultCountryCode });
    }
    const { app, hub } = await buildHub({ db, secrets, clock, config, trustProxy, tls: options.tls, instrument: options.instrument, ...(options.throttle ? { throttle: options.throttle } : {}), ...(options.log ? { log: options.log } : {}) });
    if (seeded) await seedDemoWork(hub);
    const host = options.host ?? '127.0.0.1';
    await app.listen({ host, port: options.port ?? 0 });
    const port = (app.server.address() as AddressInfo).port;
    const mailWorker = startMailWorker(hub);
    return {
      url: `${options.tls ? 'https' : 'http'}://${host}:${port}`,
      port,
      db,
      async close() {
        await mailWorker.stop();
        await app.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
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

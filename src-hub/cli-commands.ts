import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase } from './db/open-database';
import { intArg, parseArgs, stringArg, UsageError } from './cli-args';
import { adminMoveStage } from './features/admin/move-stage.admin';
import { createIntakeKey } from './features/admin/intake-key.admin';
import { seedDemo } from './features/seed/demo-seed';
import { createHubLogger, logLevelOf, type HubLogger } from './features/logging/hub-logger';
import { DEFAULT_CONFIG } from './server';
import { startHub, type RunningHub } from './start-hub';
import { shutdownGraceOf } from './features/shutdown/graceful-close';

export const USAGE = `Usage:
  npm run hub -- serve --data DIR --port P [--host 127.0.0.1] [--demo] [--demo-leads N] [--tls-cert FILE --tls-key FILE]
  npm run hub -- admin move-stage --data DIR --lead LEAD/2026/00042 --stage NAME
  npm run hub -- admin create-intake-key --data DIR --name NAME
DATABASE_URL=postgres://… selects PostgreSQL instead of PGlite in --data.
Built (npm run build:hub): node out/hub/cli.js with the same commands. Logs: JSON lines on standard output, LOG_LEVEL=info by default.`;

function storage(args: Record<string, string | true>) {
  const databaseUrl = process.env['DATABASE_URL'] || undefined;
  const data = stringArg(args, 'data');
  if (!databaseUrl && !data) throw new UsageError('--data DIR is required (or set DATABASE_URL).');
  return { databaseUrl, dataDir: data ? resolve(data) : null };
}

async function serve(argv: string[]): Promise<void> {
  const args = parseArgs(argv, { values: ['data', 'port', 'host', 'demo-leads', 'tls-cert', 'tls-key'], flags: ['demo'] });
  const port = intArg(args, 'port', 8080, 0, 65535);
  const host = stringArg(args, 'host') ?? '127.0.0.1';
  const certFile = stringArg(args, 'tls-cert');
  const keyFile = stringArg(args, 'tls-key');
  if (Boolean(certFile) !== Boolean(keyFile)) throw new UsageError('--tls-cert and --tls-key go together.');
  const tls = certFile && keyFile ? { cert: readFileSync(certFile), key: readFileSync(keyFile) } : undefined;
  const demo = args['demo'] === true;
  const demoLeads = intArg(args, 'demo-leads', 50, 0, 1_000_000);
  const logger = createHubLogger({ level: logLevelOf(process.env['LOG_LEVEL'], 'info') });
  const running = await startHub({ storage: storage(args), host, port, tls, demo: demo ? { leads: demoLeads } : undefined, logger });
  console.log(`listening on ${running.url}`);
  stopOnSignals(running, logger);
}

/**
 * SIGTERM (systemd, a rolling upgrade) or SIGINT: a graceful stop, bounded by the grace period plus a margin
 * for the mail worker's tick and the database; a second signal exits at once.
 */
function stopOnSignals(running: RunningHub, logger: HubLogger): void {
  const graceMs = shutdownGraceOf(process.env['HUB_SHUTDOWN_GRACE_MS']);
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, graceMs }, 'stopping: no new connections, finishing requests in flight');
    const late = setTimeout(() => {
      logger.error({ graceMs }, 'stop did not finish in time: exiting');
      process.exit(1);
    }, graceMs + 10_000);
    late.unref();
    running.close().then(
      ({ forced }) => {
        if (forced) logger.warn({ graceMs }, 'requests still running after the grace period were cut');
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

async function admin(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'move-stage') {
    const args = parseArgs(rest, { values: ['data', 'lead', 'stage'], flags: [] });
    const lead = stringArg(args, 'lead');
    const stage = stringArg(args, 'stage');
    if (!lead || !stage) throw new UsageError('--lead and --stage are required.');
    const db = await openDatabase(storage(args));
    try {
      console.log(await adminMoveStage(db, lead, stage, new Date()));
    } finally {
      await db.close();
    }
    return;
  }
  if (command === 'create-intake-key') {
    const args = parseArgs(rest, { values: ['data', 'name'], flags: [] });
    const db = await openDatabase(storage(args));
    try {
      const key = await createIntakeKey(db, stringArg(args, 'name') ?? 'Distributor feed');
      console.log(`intake key (shown once): ${key}`);
    } finally {
      await db.close();
    }
    return;
  }
  throw new UsageError(`Unknown admin command "${command ?? ''}".`);
}

/** Runs one command line (without `node cli.ts`); bad arguments reject with a UsageError before anything starts. */
export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'serve') return serve(rest);
  if (command === 'admin') return admin(rest);
  if (command === 'seed-demo') {
    const args = parseArgs(rest, { values: ['data', 'demo-leads'], flags: [] });
    const db = await openDatabase(storage(args));
    try {
      const seeded = await seedDemo(db, { leads: intArg(args, 'demo-leads', 50, 0, 1_000_000), now: new Date(), passwordCost: DEFAULT_CONFIG.passwordCost, defaultCountryCode: DEFAULT_CONFIG.defaultCountryCode });
      console.log(seeded ? 'seeded' : 'already seeded: nothing done');
    } finally {
      await db.close();
    }
    return;
  }
  throw new UsageError(command ? `Unknown command "${command}".` : 'No command given.');
}

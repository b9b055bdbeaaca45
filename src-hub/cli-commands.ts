import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase, type StorageOptions } from './db/open-database';
import { describeMigrations, migrate, migrationState, MIGRATIONS } from './db/migrate';
import { intArg, parseArgs, stringArg, UsageError } from './cli-args';
import { adminMoveStage } from './features/admin/move-stage.admin';
import { createIntakeKey } from './features/admin/intake-key.admin';
import { rebuildReportSummary } from './features/reports/report-summary.admin';
import { seedDemo } from './features/seed/demo-seed';
import { backupDataFolder, carriesSecretKey, restoreDataFolder } from './features/backup/backup.admin';
import { createHubLogger, logLevelOf, type HubLogger } from './features/logging/hub-logger';
import { DEFAULT_CONFIG } from './server';
import { publishUpdate, PublishError } from './features/updates/publish-update';
import { startHub, updatesDirOf, type RunningHub } from './start-hub';
import { shutdownGraceOf } from './features/shutdown/graceful-close';

export const USAGE = `Usage:
  npm run hub -- serve --data DIR --port P [--host 127.0.0.1] [--demo] [--demo-leads N] [--tls-cert FILE --tls-key FILE] [--migrate]
  npm run hub -- admin migrate --data DIR [--status]
  npm run hub -- admin backup --data DIR --out FILE        (PGlite: asks the hub running on DIR, or reads DIR when stopped)
  npm run hub -- admin restore --data NEW_DIR --from FILE  (into a new or empty folder)
  npm run hub -- admin move-stage --data DIR --lead LEAD/2026/00042 --stage NAME
  npm run hub -- admin create-intake-key --data DIR --name NAME
  npm run hub -- admin rebuild-report-summary --data DIR    (recounts the floor reports' summaries from leads and calls)
  npm run hub -- admin publish-update --feed DIR/latest.yml (--data DIR | HUB_UPDATES_DIR=…)
DATABASE_URL=postgres://… selects PostgreSQL instead of PGlite in --data.
A new, empty database is migrated by any command; an existing one that lacks migrations is refused until
"admin migrate" (or "serve --migrate") applies them.
Built (npm run build:hub): node out/hub/cli.js with the same commands. Logs: JSON lines on standard output, LOG_LEVEL=info by default.`;

function storage(args: Record<string, string | true>): StorageOptions {
  const databaseUrl = process.env['DATABASE_URL'] || undefined;
  const data = stringArg(args, 'data');
  if (!databaseUrl && !data) throw new UsageError('--data DIR is required (or set DATABASE_URL).');
  return { databaseUrl, dataDir: data ? resolve(data) : null };
}

/** Listens until a signal stops it; resolves to the running hub (in-process tests close it themselves). */
async function serve(argv: string[]): Promise<RunningHub> {
  const args = parseArgs(argv, { values: ['data', 'port', 'host', 'demo-leads', 'tls-cert', 'tls-key'], flags: ['demo', 'migrate'] });
  const port = intArg(args, 'port', 8080, 0, 65535);
  const host = stringArg(args, 'host') ?? '127.0.0.1';
  const certFile = stringArg(args, 'tls-cert');
  const keyFile = stringArg(args, 'tls-key');
  if (Boolean(certFile) !== Boolean(keyFile)) throw new UsageError('--tls-cert and --tls-key go together.');
  const tls = certFile && keyFile ? { cert: readFileSync(certFile), key: readFileSync(keyFile) } : undefined;
  const demo = args['demo'] === true;
  const demoLeads = intArg(args, 'demo-leads', 50, 0, 1_000_000);
  const logger = createHubLogger({ level: logLevelOf(process.env['LOG_LEVEL'], 'info') });
  const migrations = args['migrate'] === true ? 'apply' : 'new-database-only';
  const running = await startHub({ storage: storage(args), migrations, host, port, tls, demo: demo ? { leads: demoLeads } : undefined, logger });
  // The stop handler before the line that says the hub is up: until process.on('SIGTERM'), the signal's default
  // action kills the process at once, so a supervisor that stops the hub as soon as it reads the line (a test under
  // load did) would skip the graceful stop and leave the data folder locked.
  const detach = stopOnSignals(running, logger);
  console.log(`listening on ${running.url}`);
  return {
    ...running,
    close: () => {
      detach();
      return running.close();
    },
  };
}

/**
 * SIGTERM (systemd, a rolling upgrade) or SIGINT: a graceful stop, bounded by the grace period plus a margin
 * for the mail worker's tick and the database; a second signal exits at once.
 */
function stopOnSignals(running: RunningHub, logger: HubLogger): () => void {
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
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/**
 * `admin migrate`: the deliberate schema step of an upgrade (every hub of the old version may keep serving while
 * it runs: migrations only add). `--status` says what is applied and pending, and changes nothing.
 */
async function adminMigrate(argv: string[]): Promise<void> {
  const args = parseArgs(argv, { values: ['data'], flags: ['status'] });
  const status = args['status'] === true;
  const db = await openDatabase(storage(args), { migrations: 'none' });
  try {
    if (status) {
      const state = await migrationState(db);
      console.log(`applied: ${state.applied.length > 0 ? state.applied.join(', ') : 'none'}`);
      console.log(`pending: ${state.pending.length > 0 ? describeMigrations(state.pending) : 'none'}`);
      if (state.newer.length > 0) console.log(`newer than this hub: ${state.newer.join(', ')}`);
      return;
    }
    const applied = await migrate(db);
    const latest = MIGRATIONS.at(-1)?.version ?? 0;
    console.log(applied.length > 0 ? `applied: ${describeMigrations(MIGRATIONS.filter((m) => applied.includes(m.version)))}; the database is at version ${latest}` : `nothing to apply: the database is at version ${latest}`);
  } finally {
    await db.close();
  }
}

/** `--data DIR` and a file for the PGlite backup commands; PostgreSQL has its own tools (pg_dump, the provider's backups). */
function backupArgs(argv: string[], file: 'out' | 'from'): { dataDir: string; file: string } {
  const args = parseArgs(argv, { values: ['data', file], flags: [] });
  const data = stringArg(args, 'data');
  const path = stringArg(args, file);
  if (!data || !path) throw new UsageError(`--data DIR and --${file} FILE are required.`);
  if (process.env['DATABASE_URL']) throw new UsageError('DATABASE_URL is set: back up PostgreSQL with pg_dump or its provider\'s backups; these commands are for PGlite data folders.');
  return { dataDir: resolve(data), file: resolve(path) };
}

async function adminBackup(argv: string[]): Promise<void> {
  const { dataDir, file } = backupArgs(argv, 'out');
  const { bytes, from } = await backupDataFolder(dataDir, file);
  console.log(`backup of ${dataDir} (${from}) written to ${file}: ${bytes} bytes`);
  console.log(
    carriesSecretKey(dataDir)
      ? 'It holds hub-secret.key, which unseals the dealer API keys in it (HUB_SECRET is not used): keep it as safe as the hub itself.'
      : 'Its dealer API keys are sealed with HUB_SECRET: a hub restored from it needs the same HUB_SECRET.',
  );
}

async function adminRestore(argv: string[]): Promise<void> {
  const { dataDir, file } = backupArgs(argv, 'from');
  const restored = await restoreDataFolder(dataDir, file);
  console.log(`restored ${file} into ${dataDir}: schema version ${restored.version}, ${restored.users} users, ${restored.leads} leads`);
  if (!carriesSecretKey(dataDir)) console.log('Start the hub on it with the HUB_SECRET of the hub the backup came from, or its dealer API keys cannot be read.');
}

/** The other commands open the database as serve does: a new one is migrated, an existing one must be current. */
const openForCommand = (args: Record<string, string | true>) => openDatabase(storage(args), { migrations: 'new-database-only' });

async function admin(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'migrate') return adminMigrate(rest);
  if (command === 'backup') return adminBackup(rest);
  if (command === 'restore') return adminRestore(rest);
  if (command === 'move-stage') {
    const args = parseArgs(rest, { values: ['data', 'lead', 'stage'], flags: [] });
    const lead = stringArg(args, 'lead');
    const stage = stringArg(args, 'stage');
    if (!lead || !stage) throw new UsageError('--lead and --stage are required.');
    const db = await openForCommand(args);
    try {
      console.log(await adminMoveStage(db, lead, stage, new Date()));
    } finally {
      await db.close();
    }
    return;
  }
  if (command === 'create-intake-key') {
    const args = parseArgs(rest, { values: ['data', 'name'], flags: [] });
    const db = await openForCommand(args);
    try {
      const key = await createIntakeKey(db, stringArg(args, 'name') ?? 'Distributor feed');
      console.log(`intake key (shown once): ${key}`);
    } finally {
      await db.close();
    }
    return;
  }
  if (command === 'rebuild-report-summary') {
    const args = parseArgs(rest, { values: ['data'], flags: [] });
    const db = await openForCommand(args);
    try {
      const rebuilt = await rebuildReportSummary(db);
      console.log(`report summary rebuilt from leads and calls: ${rebuilt.dayRows} day rows, ${rebuilt.agentDayRows} agent-day rows, ${rebuilt.speedRows} speed-to-lead rows, ${rebuilt.callDayRows} call-day rows`);
    } finally {
      await db.close();
    }
    return;
  }
  if (command === 'publish-update') {
    const args = parseArgs(rest, { values: ['data', 'feed'], flags: [] });
    const feed = stringArg(args, 'feed');
    if (!feed) throw new UsageError('--feed latest.yml is required (the installers it names sit beside it).');
    const updatesDir = updatesDirOf(process.env['HUB_UPDATES_DIR'], stringArg(args, 'data') ? resolve(stringArg(args, 'data') as string) : null);
    if (!updatesDir) throw new UsageError('--data DIR or HUB_UPDATES_DIR is required: where the hub serves updates from.');
    try {
      console.log(await publishUpdate(resolve(feed), updatesDir));
    } catch (error) {
      if (error instanceof PublishError) throw new UsageError(error.message);
      throw error;
    }
    return;
  }
  throw new UsageError(`Unknown admin command "${command ?? ''}".`);
}

/**
 * Runs one command line (without `node cli.ts`); bad arguments reject with a UsageError before anything starts.
 * `serve` resolves to the running hub, the other commands to nothing once done.
 */
export async function main(argv: string[]): Promise<RunningHub | void> {
  const [command, ...rest] = argv;
  if (command === 'serve') return serve(rest);
  if (command === 'admin') return admin(rest);
  if (command === 'seed-demo') {
    const args = parseArgs(rest, { values: ['data', 'demo-leads'], flags: [] });
    const db = await openForCommand(args);
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

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase } from './db/open-database';
import { intArg, parseArgs, stringArg, UsageError } from './cli-args';
import { adminMoveStage } from './features/admin/move-stage.admin';
import { createIntakeKey } from './features/admin/intake-key.admin';
import { seedDemo } from './features/seed/demo-seed';
import { createHubLogger, logLevelOf } from './features/logging/hub-logger';
import { DEFAULT_CONFIG } from './server';
import { startHub } from './start-hub';

const USAGE = `Usage:
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
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
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

async function main(argv: string[]): Promise<void> {
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

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

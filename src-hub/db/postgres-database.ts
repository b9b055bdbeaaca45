import pg from 'pg';
import type { HubLog } from '../hub-context';
import type { ChannelSubscription, Database, QueryOptions, Row, Sql, SubscriptionHandlers } from './database';
import { TIME_TYPE_IDS } from './pg-time';
import { sharedRoundTrips } from './shared-round-trips';
import { sharedSnapshot } from './shared-snapshot';

/** node-postgres' parsers, except that times stay PostgreSQL's text (`QueryOptions.timesAsText`). */
const timesAsText = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    (TIME_TYPE_IDS as readonly number[]).includes(oid) ? (value: string) => value : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

const consoleErrors: Pick<HubLog, 'error'> = { error: (message, error) => console.error(`[hub] ${message}:`, error instanceof Error ? error.message : error) };

/** PostgreSQL through a node-postgres pool (several hub processes may share one database). */
export async function openPostgresDatabase(connectionString: string, poolSize = 20, log: Pick<HubLog, 'error'> = consoleErrors): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  pool.on('error', (error) => log.error('idle PostgreSQL connection failed', error));
  await pool.query('select 1');
  const asSql = (target: pg.Pool | pg.PoolClient): Sql => ({
    async query<T extends Row>(text: string, params: readonly unknown[] = [], options?: QueryOptions) {
      const values = [...params];
      const types = options?.timesAsText ? timesAsText : undefined;
      const result = await target.query<T>({ text, values, ...(options?.prepareAs ? { name: options.prepareAs } : {}), ...(types ? { types } : {}) });
      return result.rows;
    },
  });
  const listeners: pg.Client[] = [];
  // LISTEN needs a connection of its own, outside the pool.
  async function subscribe(channel: string, handlers: SubscriptionHandlers): Promise<ChannelSubscription> {
    const client = new pg.Client({ connectionString });
    let open = false; // lost only once it was established: a failure to establish rejects instead
    const lose = (error: unknown): void => {
      if (!open) return;
      open = false;
      handlers.onLost?.(error);
    };
    client.on('notification', (message) => {
      if (message.channel === channel) handlers.onPayload(message.payload ?? '');
    });
    client.on('error', (error) => {
      log.error('LISTEN connection failed', error);
      lose(error);
    });
    client.on('end', () => lose(new Error('the LISTEN connection ended')));
    try {
      await client.connect();
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    open = true;
    listeners.push(client);
    // PostgreSQL sends a listening session the notifications of every transaction committed before it answers
    // a query (they precede its ReadyForQuery), and node-postgres hands them over as it reads them: once an
    // empty query on this connection is answered, everything committed before it was sent has been heard.
    const caughtUp = sharedRoundTrips(async () => {
      if (!open) throw new Error('the LISTEN connection is closed');
      await client.query('');
    });
    return {
      caughtUp,
      async close() {
        open = false;
        const index = listeners.indexOf(client);
        if (index >= 0) listeners.splice(index, 1);
        await client.end().catch(() => undefined);
      },
    };
  }
  return {
    kind: 'postgres',
    ...asSql(pool),
    async transaction(work) {
      const client = await pool.connect();
      // A connection lost while the transaction waits on the hub's own work (PostgreSQL restarted, an administrator
      // ended the session) is reported by the client as an event: the pool listens only to idle clients, and an
      // event nobody listens to ends the process. Heard here, the transaction's next statement fails instead,
      // and the broken client is discarded rather than returned to the pool.
      let lost: Error | undefined;
      const onLost = (error: Error): void => {
        lost ??= error;
        log.error('PostgreSQL connection lost during a transaction', error);
      };
      client.on('error', onLost);
      try {
        await client.query('begin');
        const result = await work(asSql(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.removeListener('error', onLost);
        client.release(lost);
      }
    },
    sharedSnapshot: (count, work) => sharedSnapshot(pool, poolSize, asSql, log, count, work),
    async listen(channel, onPayload) {
      const subscription = await subscribe(channel, { onPayload });
      return () => subscription.close();
    },
    subscribe,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async close() {
      await Promise.all(listeners.splice(0).map((client) => client.end().catch(() => undefined)));
      await pool.end();
    },
  };
}

import pg from 'pg';
import type { HubLog } from '../hub-context';
import type { Database, QueryOptions, Row, Sql } from './database';

const consoleErrors: Pick<HubLog, 'error'> = { error: (message, error) => console.error(`[hub] ${message}:`, error instanceof Error ? error.message : error) };

/** PostgreSQL through a node-postgres pool (several hub processes may share one database). */
export async function openPostgresDatabase(connectionString: string, poolSize = 20, log: Pick<HubLog, 'error'> = consoleErrors): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  pool.on('error', (error) => log.error('idle PostgreSQL connection failed', error));
  await pool.query('select 1');
  const asSql = (target: pg.Pool | pg.PoolClient): Sql => ({
    async query<T extends Row>(text: string, params: readonly unknown[] = [], options?: QueryOptions) {
      const values = [...params];
      const result = await target.query<T>(options?.prepareAs ? { name: options.prepareAs, text, values } : { text, values });
      return result.rows;
    },
  });
  const listeners: pg.Client[] = [];
  return {
    kind: 'postgres',
    ...asSql(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work(asSql(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload) {
      // LISTEN needs a connection of its own, outside the pool.
      const client = new pg.Client({ connectionString });
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === channel) onPayload(message.payload ?? '');
      });
      client.on('error', (error) => log.error('LISTEN connection failed', error));
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      listeners.push(client);
      return async () => {
        listeners.splice(listeners.indexOf(client), 1);
        await client.end().catch(() => undefined);
      };
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async close() {
      await Promise.all(listeners.splice(0).map((client) => client.end().catch(() => undefined)));
      await pool.end();
    },
  };
}

import type pg from 'pg';
import type { HubLog } from '../hub-context';
import type { QueryOptions, Row, Sql } from './database';

/** A handle whose statements run one after another, whoever calls; `end()` refuses new ones and waits for the rest. */
export interface QueuedSql extends Sql {
  end(): Promise<void>;
}

/**
 * One handle's statements one after another: readers that share a connection (PGlite's one, or a PostgreSQL
 * transaction standing in for a connection the pool could not spare) may be used side by side, and node-postgres
 * must not be handed a query while its client still runs one. Once ended, a statement is refused with an error
 * rather than sent on a connection that went back to the pool.
 */
export function oneAtATime(sql: Sql): QueuedSql {
  let last: Promise<unknown> = Promise.resolve();
  let ended = false;
  return {
    query<T extends Row>(text: string, params?: readonly unknown[], options?: QueryOptions) {
      if (ended) return Promise.reject(new Error('This reader\'s transaction has ended: a statement after it would run outside the snapshot.'));
      const answer = last.then(() => sql.query<T>(text, params, options));
      last = answer.catch(() => undefined);
      return answer;
    },
    async end() {
      ended = true;
      await last;
    },
  };
}

interface Opened {
  client: pg.PoolClient;
  reader: QueuedSql;
  lost?: Error;
  onLost: (error: Error) => void;
}

/**
 * `count` read-only repeatable-read transactions on PostgreSQL that see one snapshot: the first exports it
 * (pg_export_snapshot), the others import it on connections of their own, so their statements run side by side
 * on the server's cores. A connection is only taken when the pool has one to give at once (an idle one, or room
 * for a new one, and nobody waiting): a report never holds one connection while it waits for another, and on a
 * busy pool the first transaction stands in for the rest.
 */
export async function sharedSnapshot<T>(
  pool: pg.Pool,
  poolSize: number,
  asSql: (client: pg.PoolClient) => Sql,
  log: Pick<HubLog, 'error'>,
  count: number,
  work: (readers: Sql[]) => Promise<T>,
): Promise<T> {
  const opened: Opened[] = [];
  const open = async (): Promise<Opened> => {
    const client = await pool.connect();
    const entry: Opened = {
      client,
      reader: oneAtATime(asSql(client)),
      onLost: (error) => {
        entry.lost ??= error;
        log.error('PostgreSQL connection lost during a read', error);
      },
    };
    client.on('error', entry.onLost);
    opened.push(entry);
    return entry;
  };
  const spare = (): boolean => pool.waitingCount === 0 && (pool.idleCount > 0 || pool.totalCount < poolSize);
  try {
    const first = await open();
    await first.client.query('begin isolation level repeatable read, read only');
    if (count > 1 && spare()) {
      const [exported] = (await first.client.query<{ id: string }>('select pg_export_snapshot() as id')).rows;
      while (opened.length < count && spare() && exported) {
        const { client } = await open();
        await client.query('begin isolation level repeatable read, read only');
        await client.query(`set transaction snapshot ${client.escapeLiteral(exported.id)}`);
      }
    }
    const readers = Array.from({ length: count }, (_, index) => (opened[index] ?? first).reader);
    try {
      return await work(readers);
    } finally {
      // a reader's statements may still run when the work failed on another's: they end before the rollback,
      // and none is sent after it (the connection goes back to the pool)
      await Promise.all(opened.map(({ reader }) => reader.end()));
    }
  } finally {
    // read only: nothing to keep, ending each transaction is all
    await Promise.all(opened.map(({ client }) => client.query('rollback').catch(() => undefined)));
    for (const { client, lost, onLost } of opened) {
      client.removeListener('error', onLost);
      client.release(lost);
    }
  }
}

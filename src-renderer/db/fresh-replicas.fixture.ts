import { afterEach } from 'vitest';
import { ReplicaDb } from './replica-db';

/**
 * Replicas for one test file, each deleted after its test: `fresh()` opens a new one (a name of its own, or the
 * given one, e.g. a database a shipped schema left).
 */
export function freshReplicas(prefix: string): (name?: string) => ReplicaDb {
  let n = 0;
  const opened: ReplicaDb[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.delete();
  });
  return (name = `${prefix}-${n++}-${Math.random().toString(36).slice(2, 8)}`) => {
    const db = new ReplicaDb(name);
    opened.push(db);
    return db;
  };
}

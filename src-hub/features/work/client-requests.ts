import { createHash } from 'node:crypto';
import { one, type Sql } from '../../db/database';
import { HubError } from '../../http/hub-error';

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * `clientId` idempotency, per user: the first request with an id does the work and stores its answer; a
 * repeat gets the same answer (even if the lead has changed since); the same id with another body is a 409.
 * A concurrent repeat waits on the primary key until the first commits.
 */
export async function once<T>(
  tx: Sql,
  userId: string,
  clientId: string | undefined,
  kind: string,
  request: unknown,
  work: () => Promise<T>,
): Promise<T> {
  if (!clientId) return work();
  const bodyHash = createHash('sha256').update(`${kind}\n${stableJson(request)}`).digest('hex');
  const claimed = await one(
    tx,
    `insert into client_requests (user_id, client_id, kind, body_hash, response) values ($1, $2, $3, $4, 'null'::jsonb)
     on conflict (user_id, client_id) do nothing returning client_id`,
    [userId, clientId, kind, bodyHash],
  );
  if (!claimed) {
    const previous = await one<{ body_hash: string; response: T }>(tx, 'select body_hash, response from client_requests where user_id = $1 and client_id = $2', [userId, clientId]);
    if (!previous || previous.body_hash !== bodyHash) {
      throw new HubError('client_id_conflict', 'This clientId was already used for a different request. Use a new clientId for new records.');
    }
    return previous.response;
  }
  const result = await work();
  await tx.query('update client_requests set response = $3 where user_id = $1 and client_id = $2', [userId, clientId, JSON.stringify(result)]);
  return result;
}

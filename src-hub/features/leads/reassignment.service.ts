import type { Reassignment } from '../../../src-shared/contract/reassignment.schema';
import { one, type Sql } from '../../db/database';
import { notFound } from '../../http/hub-error';
import type { AuthUser } from '../auth/auth-user';
import { ASSIGNED_AGENT } from './claim.service';

interface ReassignmentRow extends Record<string, unknown> {
  ref: string;
  old_user_id: string | null;
  new_user_id: string | null;
  to_name: string | null;
  by_name: string | null;
}

/**
 * The lead's latest change of holder (the change log, through its per-lead index of holder changes) with the
 * names of the new holder and of the author of the matching tracking entry. Answered only to the user who
 * held the lead right before that change, and only when it went to someone else; anyone else, and every other
 * case, gets the 404 of a lead that does not exist.
 */
export async function latestReassignment(sql: Sql, user: AuthUser, leadId: string): Promise<Reassignment> {
  if (!/^\d{1,18}$/.test(leadId)) throw notFound();
  const row = await one<ReassignmentRow>(
    sql,
    `select l.ref, c.old_user_id, c.new_user_id, holder.name as to_name, author.name as by_name
       from changes c
       join leads l on l.id = c.lead_id
       left join users holder on holder.id = c.new_user_id
       left join lateral (
         select m.author_id from messages m
          where m.lead_id = c.lead_id and m.kind = 'tracking' and m.tracking @> $2::jsonb
          order by m.id desc limit 1
       ) tracked on true
       left join users author on author.id = tracked.author_id
      where c.entity = 'lead' and c.lead_id = $1 and c.old_user_id is distinct from c.new_user_id
      order by c.seq desc
      limit 1`,
    [leadId, JSON.stringify([{ field: ASSIGNED_AGENT }])],
  );
  if (!row || row.old_user_id === null || String(row.old_user_id) !== user.id) throw notFound();
  if (row.new_user_id === null || String(row.new_user_id) === user.id || !row.to_name || !row.by_name) throw notFound();
  return { ref: row.ref, toName: row.to_name, byName: row.by_name };
}

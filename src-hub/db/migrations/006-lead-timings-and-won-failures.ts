/**
 * Facts kept with each lead so the floor's questions are row reads, not history scans:
 * - speed to lead: when it was first claimed, by whom, and when its first call was logged (the first
 *   minutes decide a vehicle lead; percentiles come from these per-lead durations);
 * - the last Mark as Won push that failed and was not followed by a success: when, why, who — the work list
 *   of sales waiting on a dealer.
 * Existing leads are filled from what the history holds: the first "Assigned Agent: None → …" tracking entry
 * (else claimed_at), the first call log, and the last failed Won lease not followed by a confirmed one.
 */
export const leadTimingsAndWonFailures = /* sql */ `
alter table leads add column first_claimed_at timestamptz;
alter table leads add column first_claimed_by bigint references users(id);
alter table leads add column first_call_at timestamptz;
alter table leads add column won_failed_at timestamptz;
alter table leads add column won_failed_error text;
alter table leads add column won_failed_by bigint references users(id);

update leads l set first_claimed_at = coalesce(
    (select min(m.created_at) from messages m
      where m.lead_id = l.id and m.kind = 'tracking' and m.tracking @> '[{"field": "Assigned Agent", "from": null}]'::jsonb),
    l.claimed_at)
  where l.claimed_at is not null
     or exists (select 1 from messages m where m.lead_id = l.id and m.kind = 'tracking' and m.tracking @> '[{"field": "Assigned Agent", "from": null}]'::jsonb);

update leads l set first_claimed_by = (
    select m.author_id from messages m
     where m.lead_id = l.id and m.kind = 'tracking' and m.tracking @> '[{"field": "Assigned Agent", "from": null}]'::jsonb
     order by m.created_at, m.id limit 1)
  where l.first_claimed_at is not null;

update leads l set first_claimed_by = l.user_id where l.first_claimed_at is not null and l.first_claimed_by is null;

update leads l set first_call_at = (select min(c.created_at) from call_logs c where c.lead_id = l.id);

update leads l set won_failed_at = f.ended_at, won_failed_by = f.user_id, won_failed_error = f.body
  from (
    select distinct on (r.lead_id) r.lead_id, r.ended_at, r.user_id,
      (select m.body from messages m where m.lead_id = r.lead_id and m.kind = 'error' and m.created_at <= r.ended_at order by m.created_at desc, m.id desc limit 1) as body
      from relay_leases r
     where r.kind = 'won' and r.outcome = 'failed'
     order by r.lead_id, r.ended_at desc
  ) f
  where l.id = f.lead_id and not l.closed
    and not exists (select 1 from relay_leases later where later.lead_id = f.lead_id and later.kind = 'won' and later.outcome = 'confirmed' and later.ended_at > f.ended_at);

create index leads_won_failed on leads (won_failed_at desc, id) where won_failed_at is not null and not closed;
create index leads_created_brand on leads (created_at, brand);
`;

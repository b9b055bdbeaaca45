/**
 * The floor reports' per-day summary (issue 18: reports in constant time). Leads counted per UTC day of
 * creation, brand, current stage, closed flag and lost reason (`report_lead_days`: funnel, brands, lost
 * reasons), and per day, brand, current assignee, stage and closed flag (`report_agent_days`: agents; unclaimed
 * leads are not counted there; `report_agent_months` the same per UTC month, as an agent's days of a long range
 * add up to many rows). Won and lost come from the stage at read time, so a stage edited to Won
 * needs no rebuild. A trigger on leads keeps both in the writing transaction, whichever code writes the lead;
 * `hub admin rebuild-report-summary` recounts them from leads. A count that falls to 0 keeps its row.
 *
 * Deadlocks: a lead moving from one key to another takes the two summary rows in key order (old and new
 * sorted), so two single-lead changes crossing in opposite directions wait on each other instead of
 * deadlocking.
 */
export const reportSummary = /* sql */ `
create table report_lead_days (
  day date not null,
  brand text not null,
  stage_id bigint not null,
  closed boolean not null,
  lost_reason text not null,
  leads integer not null,
  primary key (day, brand, stage_id, closed, lost_reason)
);

create table report_agent_days (
  day date not null,
  brand text not null,
  user_id bigint not null,
  stage_id bigint not null,
  closed boolean not null,
  leads integer not null,
  primary key (day, brand, user_id, stage_id, closed)
);

create table report_agent_months (
  month date not null,
  brand text not null,
  user_id bigint not null,
  stage_id bigint not null,
  closed boolean not null,
  leads integer not null,
  primary key (month, brand, user_id, stage_id, closed)
);

create function report_lead_days_add(l leads, delta integer) returns void language plpgsql as $$
begin
  insert into report_lead_days as r (day, brand, stage_id, closed, lost_reason, leads)
  values ((l.created_at at time zone 'UTC')::date, l.brand, l.stage_id, l.closed, coalesce(l.lost_reason, ''), delta)
  on conflict (day, brand, stage_id, closed, lost_reason) do update set leads = r.leads + excluded.leads;
end
$$;

create function report_agent_days_add(l leads, delta integer) returns void language plpgsql as $$
begin
  if l.user_id is not null then
    insert into report_agent_days as r (day, brand, user_id, stage_id, closed, leads)
    values ((l.created_at at time zone 'UTC')::date, l.brand, l.user_id, l.stage_id, l.closed, delta)
    on conflict (day, brand, user_id, stage_id, closed) do update set leads = r.leads + excluded.leads;
    insert into report_agent_months as r (month, brand, user_id, stage_id, closed, leads)
    values (date_trunc('month', l.created_at at time zone 'UTC')::date, l.brand, l.user_id, l.stage_id, l.closed, delta)
    on conflict (month, brand, user_id, stage_id, closed) do update set leads = r.leads + excluded.leads;
  end if;
end
$$;

create function report_days_track() returns trigger language plpgsql as $$
declare
  old_key text[];
  new_key text[];
begin
  if tg_op = 'INSERT' then
    perform report_lead_days_add(new, 1);
    perform report_agent_days_add(new, 1);
  elsif tg_op = 'DELETE' then
    perform report_lead_days_add(old, -1);
    perform report_agent_days_add(old, -1);
  else
    old_key := array[(old.created_at at time zone 'UTC')::date::text, old.brand, old.stage_id::text, old.closed::text, coalesce(old.lost_reason, '')];
    new_key := array[(new.created_at at time zone 'UTC')::date::text, new.brand, new.stage_id::text, new.closed::text, coalesce(new.lost_reason, '')];
    if old_key is distinct from new_key then
      if old_key < new_key then
        perform report_lead_days_add(old, -1);
        perform report_lead_days_add(new, 1);
      else
        perform report_lead_days_add(new, 1);
        perform report_lead_days_add(old, -1);
      end if;
    end if;
    old_key := array[(old.created_at at time zone 'UTC')::date::text, old.brand, coalesce(old.user_id::text, ''), old.stage_id::text, old.closed::text];
    new_key := array[(new.created_at at time zone 'UTC')::date::text, new.brand, coalesce(new.user_id::text, ''), new.stage_id::text, new.closed::text];
    if old_key is distinct from new_key then
      if old_key < new_key then
        perform report_agent_days_add(old, -1);
        perform report_agent_days_add(new, 1);
      else
        perform report_agent_days_add(new, 1);
        perform report_agent_days_add(old, -1);
      end if;
    end if;
  end if;
  return null;
end
$$;

create trigger leads_report_days after insert or delete or update of created_at, brand, stage_id, closed, lost_reason, user_id on leads
  for each row execute function report_days_track();

create function report_days_clear() returns trigger language plpgsql as $$
begin
  truncate report_lead_days, report_agent_days, report_agent_months;
  return null;
end
$$;

create trigger leads_report_days_truncate after truncate on leads for each statement execute function report_days_clear();

insert into report_lead_days (day, brand, stage_id, closed, lost_reason, leads)
select (created_at at time zone 'UTC')::date, brand, stage_id, closed, coalesce(lost_reason, ''), count(*)
  from leads group by 1, 2, 3, 4, 5;

insert into report_agent_days (day, brand, user_id, stage_id, closed, leads)
select (created_at at time zone 'UTC')::date, brand, user_id, stage_id, closed, count(*)
  from leads where user_id is not null group by 1, 2, 3, 4, 5;

insert into report_agent_months (month, brand, user_id, stage_id, closed, leads)
select date_trunc('month', day)::date, brand, user_id, stage_id, closed, sum(leads)
  from report_agent_days group by 1, 2, 3, 4, 5;
`;

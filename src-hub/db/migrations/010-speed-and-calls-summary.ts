/**
 * Summaries for the two floor reports migration 8 left scanning (issue 18: reports in constant time).
 *
 * Speed to lead. A percentile cannot come from sums, but it can come from counts per value when the value has
 * a finite resolution: each lead's minutes to claim and to first call are counted at the resolution the
 * Reports screen shows them — tenths of a minute under an hour, tenths of an hour (6 minutes) from an hour on
 * (`report_speed_tenths`, in tenths of a minute, halves rounded up on every platform) — so merged counts give
 * the exact percentile of those values.
 * `report_speed_years` holds the counts per UTC year of creation: per brand and source (`dim` 's', span 'b';
 * measure 'n' counts every lead, 'c' and 'f' the durations), and per first claimer (`dim` 'a', measure 'c' —
 * -1 for a claimer without a claim time — and 'f'), once per brand (span 'b') and once over every brand (span
 * 'a', brand ''): the agents' counts are the many rows (agents × values), and a report without a brand reads
 * them once instead of once per brand. Years, not days: at a floor's volume a day holds fewer leads than an
 * agent has distinct values, so a daily count is no smaller than the leads it counts (measured: 1,975,671 day
 * rows for 1,000,000 leads); a year is 279,000 rows.
 *
 * Calls. `report_call_days` counts calls per UTC day, agent and result (scope 'b' per the called lead's brand,
 * scope 'a' over every brand), with `before[q]` = the day's calls in its first q quarter hours (q = 1..96): a
 * floor whose offset is a whole number of quarter hours (every time zone in use) splits each UTC day at one
 * quarter into the two floor days it touches, so the report never scans calls of whole days.
 *
 * Triggers keep both in the writing transaction whichever code writes (leads; call_logs; a lead's brand
 * moving its calls); `report_speed_refill()` and `report_calls_refill()` recount them (this migration, `hub
 * admin rebuild-report-summary`). A count that falls to 0 keeps its row. Rows are taken in key order, so two
 * changes crossing each other wait instead of deadlocking.
 */
export const speedAndCallsSummary = /* sql */ `
create function report_speed_tenths(created timestamptz, happened timestamptz) returns integer language sql immutable parallel safe as $$
  select case when happened - created < interval '3597 seconds' then greatest(floor(date_part('epoch', happened - created) / 6 + 0.5), 0)::integer
              else (floor(date_part('epoch', happened - created) / 360 + 0.5) * 60)::integer end
$$;

create table report_speed_years (
  span text not null,
  brand text not null,
  dim text not null,
  key text not null,
  measure text not null,
  tenths integer not null,
  year date not null,
  leads integer not null,
  -- the year last: one group's counts come in order of value whatever the years, so a report sums the years
  -- and ranks the values as it reads them, without sorting tens of thousands of rows
  primary key (span, brand, dim, key, measure, tenths, year)
);

create function report_speed_rows(l leads) returns table (span text, brand text, dim text, key text, measure text, tenths integer, year date)
language sql stable as $$
  select s.span, s.brand, r.dim, r.key, r.measure, r.tenths, date_trunc('year', l.created_at at time zone 'UTC')::date
    from (values ('s', l.source, 'n', 0, true),
                 ('s', l.source, 'c', report_speed_tenths(l.created_at, l.first_claimed_at), l.first_claimed_at is not null),
                 ('s', l.source, 'f', report_speed_tenths(l.created_at, l.first_call_at), l.first_call_at is not null),
                 ('a', l.first_claimed_by::text, 'c', coalesce(report_speed_tenths(l.created_at, l.first_claimed_at), -1), l.first_claimed_by is not null),
                 ('a', l.first_claimed_by::text, 'f', report_speed_tenths(l.created_at, l.first_call_at), l.first_claimed_by is not null and l.first_call_at is not null)
         ) r(dim, key, measure, tenths, present)
    join (values ('b', l.brand), ('a', '')) s(span, brand) on s.span = 'b' or r.dim = 'a'
   where r.present
$$;

create function report_speed_track() returns trigger language plpgsql as $$
begin
  insert into report_speed_years as r (span, brand, dim, key, measure, tenths, year, leads)
  select d.span, d.brand, d.dim, d.key, d.measure, d.tenths, d.year, sum(d.delta)::integer
    from (select o.*, -1 as delta from report_speed_rows(old) o where tg_op <> 'INSERT'
          union all
          select n.*, 1 from report_speed_rows(new) n where tg_op <> 'DELETE') d
   group by 1, 2, 3, 4, 5, 6, 7
  having sum(d.delta) <> 0
   order by 1, 2, 3, 4, 5, 6, 7
  on conflict (span, brand, dim, key, measure, tenths, year) do update set leads = r.leads + excluded.leads;
  return null;
end
$$;

create trigger leads_report_speed after insert or delete on leads for each row execute function report_speed_track();

create trigger leads_report_speed_change after update of created_at, brand, source, first_claimed_at, first_claimed_by, first_call_at on leads
  for each row
  when (old.created_at is distinct from new.created_at or old.brand is distinct from new.brand or old.source is distinct from new.source
        or old.first_claimed_at is distinct from new.first_claimed_at or old.first_claimed_by is distinct from new.first_claimed_by
        or old.first_call_at is distinct from new.first_call_at)
  execute function report_speed_track();

create function report_speed_refill() returns integer language plpgsql as $$
declare
  added integer;
begin
  delete from report_speed_years;
  insert into report_speed_years (span, brand, dim, key, measure, tenths, year, leads)
  select r.span, r.brand, r.dim, r.key, r.measure, r.tenths, r.year, count(*)
    from leads l cross join lateral report_speed_rows(l) r
   group by 1, 2, 3, 4, 5, 6, 7;
  get diagnostics added = row_count;
  return added;
end
$$;

create table report_call_days (
  scope text not null,
  day date not null,
  brand text not null,
  user_id bigint not null,
  result text not null,
  before integer[] not null,
  primary key (scope, day, brand, user_id, result)
);

create function report_call_quarter(happened timestamptz) returns integer language sql immutable parallel safe as $$
  select (extract(hour from happened at time zone 'UTC') * 4 + floor(extract(minute from happened at time zone 'UTC') / 15))::integer
$$;

create function report_call_days_add(c call_logs, lead_brand text, delta integer, every_brand boolean) returns void language plpgsql as $$
declare
  v_quarter integer := report_call_quarter(c.created_at);
  v_added integer[] := array(select case when q > v_quarter then delta else 0 end from generate_series(1, 96) q);
  v_day date := (c.created_at at time zone 'UTC')::date;
begin
  insert into report_call_days as r (scope, day, brand, user_id, result, before)
  select s.scope, v_day, s.brand, c.user_id, c.result, v_added
    from (values ('a', ''), ('b', lead_brand)) s(scope, brand)
   where s.scope = 'b' or every_brand
   order by 1
  on conflict (scope, day, brand, user_id, result) do update
    set before = array(select r.before[q] + excluded.before[q] from generate_series(1, 96) q);
end
$$;

create function report_calls_track() returns trigger language plpgsql as $$
declare
  lead_brand text;
begin
  -- the lead's row is held so that its brand cannot change under this call (report_calls_rebrand)
  if tg_op <> 'INSERT' then
    select l.brand into lead_brand from leads l where l.id = old.lead_id for share;
    perform report_call_days_add(old, lead_brand, -1, true);
  end if;
  if tg_op <> 'DELETE' then
    select l.brand into lead_brand from leads l where l.id = new.lead_id for share;
    perform report_call_days_add(new, lead_brand, 1, true);
  end if;
  return null;
end
$$;

create trigger call_logs_report_days after insert or delete or update of lead_id, user_id, result, created_at on call_logs
  for each row execute function report_calls_track();

create function report_calls_rebrand() returns trigger language plpgsql as $$
declare
  moved call_logs;
begin
  for moved in select * from call_logs c where c.lead_id = new.id order by c.id loop
    if old.brand < new.brand then
      perform report_call_days_add(moved, old.brand, -1, false);
      perform report_call_days_add(moved, new.brand, 1, false);
    else
      perform report_call_days_add(moved, new.brand, 1, false);
      perform report_call_days_add(moved, old.brand, -1, false);
    end if;
  end loop;
  return null;
end
$$;

create trigger leads_report_calls_brand after update of brand on leads
  for each row when (old.brand is distinct from new.brand) execute function report_calls_rebrand();

create function report_calls_refill() returns integer language plpgsql as $$
declare
  added integer;
begin
  delete from report_call_days;
  insert into report_call_days (scope, day, brand, user_id, result, before)
  select g.scope, g.day, g.brand, g.user_id, g.result,
         array(select coalesce(sum(n) filter (where quarter < q), 0)::integer
                 from unnest(g.quarters, g.calls) x(quarter, n) cross join generate_series(1, 96) q group by q order by q)
    from (select s.scope, c.day, s.brand, c.user_id, c.result, array_agg(c.quarter) as quarters, array_agg(c.calls) as calls
            from (select (c.created_at at time zone 'UTC')::date as day, l.brand, c.user_id, c.result, report_call_quarter(c.created_at) as quarter, count(*) as calls
                    from call_logs c join leads l on l.id = c.lead_id group by 1, 2, 3, 4, 5) c
            cross join lateral (values ('a', ''), ('b', c.brand)) s(scope, brand)
           group by 1, 2, 3, 4, 5) g;
  get diagnostics added = row_count;
  return added;
end
$$;

create function report_summary_clear() returns trigger language plpgsql as $$
begin
  if tg_table_name = 'leads' then
    truncate report_speed_years;
  else
    truncate report_call_days;
  end if;
  return null;
end
$$;

create trigger leads_report_speed_truncate after truncate on leads for each statement execute function report_summary_clear();
create trigger call_logs_report_days_truncate after truncate on call_logs for each statement execute function report_summary_clear();

select report_speed_refill();
select report_calls_refill();
`;

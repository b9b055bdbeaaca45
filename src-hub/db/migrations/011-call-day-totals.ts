/**
 * The calls report's day totals beside the quarter-hour counts (issue 18: reports in constant time).
 *
 * `report_call_days` (migration 10) holds per UTC day, agent and result the running counts of the day's 96
 * quarter hours, 400 bytes a row; a floor at UTC read only the day's total (`before[96]`) and still read
 * every row whole: over the whole history (1,000,000 leads, 250,000 calls) a scan of 113 MB, about 130 ms of
 * the report's 210. `report_call_totals` holds the same days' totals alone (the same key, one integer): the
 * report reads it whenever it needs no split of a day (utcOffsetMinutes 0), and the quarter hours only to split
 * days at another offset. The same functions keep both, in the same transaction, in the same key order
 * (`report_call_days_add`, the refill, the truncate); this migration fills it from the quarter-hour counts.
 */
export const callDayTotals = /* sql */ `
create table report_call_totals (
  scope text not null,
  day date not null,
  brand text not null,
  user_id bigint not null,
  result text not null,
  calls integer not null,
  primary key (scope, day, brand, user_id, result)
);

create or replace function report_call_days_add(c call_logs, lead_brand text, delta integer, every_brand boolean) returns void language plpgsql as $$
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
  insert into report_call_totals as r (scope, day, brand, user_id, result, calls)
  select s.scope, v_day, s.brand, c.user_id, c.result, delta
    from (values ('a', ''), ('b', lead_brand)) s(scope, brand)
   where s.scope = 'b' or every_brand
   order by 1
  on conflict (scope, day, brand, user_id, result) do update set calls = r.calls + excluded.calls;
end
$$;

create or replace function report_calls_refill() returns integer language plpgsql as $$
declare
  added integer;
begin
  delete from report_call_days;
  delete from report_call_totals;
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
  insert into report_call_totals (scope, day, brand, user_id, result, calls)
  select scope, day, brand, user_id, result, before[96] from report_call_days;
  return added;
end
$$;

create or replace function report_summary_clear() returns trigger language plpgsql as $$
begin
  if tg_table_name = 'leads' then
    truncate report_speed_years;
  else
    truncate report_call_days, report_call_totals;
  end if;
  return null;
end
$$;

insert into report_call_totals (scope, day, brand, user_id, result, calls)
select scope, day, brand, user_id, result, before[96] from report_call_days;
`;

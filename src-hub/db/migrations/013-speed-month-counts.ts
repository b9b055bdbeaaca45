/**
 * Speed to lead's counts per UTC month beside the years (issue 18: reports in constant time), in a packed form.
 *
 * Migration 10 counted each lead's minutes per UTC year and value, a row per value (`report_speed_years`), and
 * the report scanned leads for the rest of its range: `from=2026-03-01` scanned nine months of leads (1.6-3.5 s at
 * 1,000,000 leads). Counts per month in that form are no answer: a month holds 63,000 value rows for 86,400 leads
 * (agents × values, the rows a report without a brand reads), and reading nine months of them took 430 ms
 * (array_agg over 567,000 rows, measured).
 *
 * `report_speed_counts` keeps the same counts per UTC year (period 'y') and per UTC month (period 'm'), packed:
 * a row holds the counts of 64 consecutive values (`chunk`) as 64 big-endian int4s (`counts`, 256 bytes). A month
 * is about 1,340 rows for the report without a brand (a year about as many: a group's values fill as many chunks
 * in a month as in a year); nine months, 12,063 rows, are read and decoded in 35-45 ms with nothing aggregated in
 * SQL, against the 430. Chunks of 256 values read them 10 ms faster but made each change's upsert twice as dear
 * (50 µs a row against 25, measured). The values are slots (`report_speed_slot`): 0 for a lead of the group
 * without this measure's time (an agent's claim without a claim time; one of their leads, not a value), 1-600 for
 * tenths of a minute 0-599, and from 601 one slot per tenth of an hour (6 minutes) from the first hour on: the
 * resolution `report_speed_tenths` gives, so every value has its slot, a late one only another chunk.
 *
 * The groups are migration 10's: per brand and source (`dim` 's', span 'b'; measure 'n' counts every lead in slot
 * 0, 'c' and 'f' the minutes to claim and to first call), per first claimer (`dim` 'a', 'c' and 'f'), once per
 * brand (span 'b') and once over every brand (span 'a', brand ''). The same trigger as before keeps both periods in
 * the writing transaction, taking its rows in key order (two changes crossing each other wait instead of
 * deadlocking); `report_speed_refill()` recounts them (this migration, `hub admin rebuild-report-summary`). A
 * count that falls to 0 keeps its row. The yearly value rows of migration 10 go: these counts hold the years.
 *
 * Cost to writers, measured over 1,800 changes (claims, first calls, claims undone) at 1,000,000 leads: 240-260 µs
 * a change in the trigger against 150-180 µs for migration 10's; claim statements (claim-batch.ts) through a pool
 * of 20 ran at the same rate with either (562, 588, 663 a second with migration 10's, 576, 599, 677 with this one,
 * rounds alternating).
 */
export const speedMonthCounts = /* sql */ `
-- half of each page left free for the next version of a row: the counts change with every claim and call
create table report_speed_counts (
  span text not null,
  dim text not null,
  brand text not null,
  period text not null check (period in ('y', 'm')),
  first_day date not null,
  key text not null,
  measure text not null,
  chunk integer not null,
  counts bytea not null check (octet_length(counts) = 256),
  -- a report reads one dimension of a brand (or of every brand) over a range of periods
  primary key (span, dim, brand, period, first_day, key, measure, chunk)
) with (fillfactor = 50);

-- the slot of a duration (report_speed_tenths' value), null without a time; arguments as simple as a column's, so
-- that PostgreSQL inlines it (a function of report_speed_tenths' result was called, 5 µs a time: 20 s of a refill)
create function report_speed_slot(created timestamptz, happened timestamptz) returns integer language sql immutable parallel safe as $$
  select case when report_speed_tenths(created, happened) < 600 then report_speed_tenths(created, happened) + 1
              else 601 + (report_speed_tenths(created, happened) - 600) / 60 end
$$;

-- counts with each slot's delta added: slots are a chunk's (0-63), counts its 256 bytes
create function report_speed_add(counts bytea, slots integer[], deltas integer[]) returns bytea language plpgsql immutable parallel safe as $$
declare
  i integer;
  place integer;
begin
  for i in 1 .. cardinality(slots) loop
    place := slots[i] * 4;
    counts := overlay(counts placing int4send(((get_byte(counts, place) << 24) | (get_byte(counts, place + 1) << 16) | (get_byte(counts, place + 2) << 8) | get_byte(counts, place + 3)) + deltas[i])
                      from place + 1 for 4);
  end loop;
  return counts;
end
$$;

-- a chunk holding these counts, 0 elsewhere
create function report_speed_chunk(slots integer[], counts integer[]) returns bytea language sql immutable parallel safe as $$
  select report_speed_add(decode(repeat('00', 256), 'hex'), slots, counts)
$$;

-- a lead's slots, one a group and measure it counts in, from its brand, source, first claimer, month of creation
-- and slots to claim and to first call (an agent's claim without a time: slot 0). Given the slots, not the times:
-- the slots' expressions inlined here made a tree the executor set up again at every change (about 95 µs of the
-- trigger, measured), where the trigger works them out first as plain expressions. Arrays, not a VALUES list,
-- which was set up again for every lead (18 s against 3 s over 1,000,000 leads).
create function report_speed_slots(lead_brand text, lead_source text, claimer bigint, created_month date, claim_slot integer, call_slot integer)
returns table (span text, dim text, brand text, month date, key text, measure text, slot integer)
language sql immutable as $$
  select r.span, r.dim, r.brand, created_month, r.key, r.measure, r.slot
    from unnest(array['b', 'b', 'b', 'b', 'a', 'b', 'a'],
                array['s', 's', 's', 'a', 'a', 'a', 'a'],
                array[lead_brand, lead_brand, lead_brand, lead_brand, '', lead_brand, ''],
                array[lead_source, lead_source, lead_source, claimer::text, claimer::text, claimer::text, claimer::text],
                array['n', 'c', 'f', 'c', 'c', 'f', 'f'],
                array[0, claim_slot, call_slot, coalesce(claim_slot, 0), coalesce(claim_slot, 0), call_slot, call_slot],
                array[true, claim_slot is not null, call_slot is not null, claimer is not null, claimer is not null,
                      claimer is not null and call_slot is not null, claimer is not null and call_slot is not null]
         ) r(span, dim, brand, key, measure, slot, present)
   where r.present
$$;

-- counts with another chunk's counts added, only where those are not 0 (a change adds to a slot or two: the
-- first and last non-zero bytes bound them)
create function report_speed_merge(counts bytea, added bytea) returns bytea language plpgsql immutable parallel safe as $$
declare
  first_word integer := (256 - octet_length(ltrim(added, decode('00', 'hex')))) / 4;
  last_word integer := (octet_length(rtrim(added, decode('00', 'hex'))) - 1) / 4;
  place integer;
  delta integer;
begin
  for word in first_word .. last_word loop
    place := word * 4;
    delta := (get_byte(added, place) << 24) | (get_byte(added, place + 1) << 16) | (get_byte(added, place + 2) << 8) | get_byte(added, place + 3);
    if delta <> 0 then
      counts := report_speed_add(counts, array[word], array[delta]);
    end if;
  end loop;
  return counts;
end
$$;

-- one statement a change (a statement a chunk row cost 2.6 times migration 10's trigger): the lead's slots before
-- and after, their differences per chunk of each period, added in key order
create or replace function report_speed_track() returns trigger language plpgsql as $$
declare
  old_month date;
  old_claim integer;
  old_call integer;
  new_month date;
  new_claim integer;
  new_call integer;
begin
  if tg_op <> 'INSERT' then
    old_month := date_trunc('month', old.created_at at time zone 'UTC')::date;
    old_claim := report_speed_slot(old.created_at, old.first_claimed_at);
    old_call := report_speed_slot(old.created_at, old.first_call_at);
  end if;
  if tg_op <> 'DELETE' then
    new_month := date_trunc('month', new.created_at at time zone 'UTC')::date;
    new_claim := report_speed_slot(new.created_at, new.first_claimed_at);
    new_call := report_speed_slot(new.created_at, new.first_call_at);
  end if;
  insert into report_speed_counts as r (span, dim, brand, period, first_day, key, measure, chunk, counts)
  select c.span, c.dim, c.brand, p.period, p.first_day, c.key, c.measure, c.slot / 64, report_speed_chunk(array_agg(c.slot % 64), array_agg(c.delta))
    from (select x.span, x.dim, x.brand, x.month, x.key, x.measure, x.slot, sum(x.delta)::integer as delta
            from (select o.*, -1 as delta from report_speed_slots(old.brand, old.source, old.first_claimed_by, old_month, old_claim, old_call) o where tg_op <> 'INSERT'
                  union all
                  select n.*, 1 from report_speed_slots(new.brand, new.source, new.first_claimed_by, new_month, new_claim, new_call) n where tg_op <> 'DELETE') x
           group by 1, 2, 3, 4, 5, 6, 7
          having sum(x.delta) <> 0) c
    cross join lateral (values ('y', date_trunc('year', c.month)::date), ('m', c.month)) p(period, first_day)
   group by 1, 2, 3, 4, 5, 6, 7, 8
   order by 1, 2, 3, 4, 5, 6, 7, 8
  on conflict (span, dim, brand, period, first_day, key, measure, chunk) do update set counts = report_speed_merge(r.counts, excluded.counts);
  return null;
end
$$;

-- month by month (a month's leads grouped in memory; the whole history at once was sorted on disk, 37 s at
-- 1,000,000 leads), each month's counts added to its year's as the trigger adds them
create or replace function report_speed_refill() returns integer language plpgsql as $$
declare
  v_at timestamptz := (select min(created_at) from leads);
  v_month timestamp;
  d record;
begin
  delete from report_speed_counts;
  while v_at is not null loop
    v_month := date_trunc('month', v_at at time zone 'UTC');
    for d in
      select c.span, c.dim, c.brand, c.key, c.measure, c.slot / 64 as chunk, array_agg(c.slot % 64) as slots, array_agg(c.leads) as leads
        from (select r.span, r.dim, r.brand, r.key, r.measure, r.slot, count(*)::integer as leads
                from leads l
                cross join lateral report_speed_slots(l.brand, l.source, l.first_claimed_by, v_month::date,
                                                      report_speed_slot(l.created_at, l.first_claimed_at), report_speed_slot(l.created_at, l.first_call_at)) r
               where l.created_at >= v_month at time zone 'UTC' and l.created_at < (v_month + interval '1 month') at time zone 'UTC'
               group by 1, 2, 3, 4, 5, 6) c
       group by 1, 2, 3, 4, 5, 6
    loop
      insert into report_speed_counts (span, dim, brand, period, first_day, key, measure, chunk, counts)
      values (d.span, d.dim, d.brand, 'm', v_month::date, d.key, d.measure, d.chunk, report_speed_chunk(d.slots, d.leads));
      insert into report_speed_counts as r (span, dim, brand, period, first_day, key, measure, chunk, counts)
      values (d.span, d.dim, d.brand, 'y', date_trunc('year', v_month)::date, d.key, d.measure, d.chunk, report_speed_chunk(d.slots, d.leads))
      on conflict (span, dim, brand, period, first_day, key, measure, chunk) do update set counts = report_speed_add(r.counts, d.slots, d.leads);
    end loop;
    v_at := (select min(created_at) from leads where created_at >= (v_month + interval '1 month') at time zone 'UTC');
  end loop;
  return (select count(*) from report_speed_counts);
end
$$;

create or replace function report_summary_clear() returns trigger language plpgsql as $$
begin
  if tg_table_name = 'leads' then
    truncate report_speed_counts;
  else
    truncate report_call_days, report_call_totals;
  end if;
  return null;
end
$$;

drop table report_speed_years;
drop function report_speed_rows(leads);

select report_speed_refill();
`;

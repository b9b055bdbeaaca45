/**
 * The calls report's running counts read from their key alone. Over whole days the report reads each day's
 * counts (`before`, 96 integers) of one scope: every other column it needs is in the key, the counts were not, so
 * each read was a scan of the whole table, every scope's and brand's rows (1,000,000 leads: 110,182 rows, 101 MB,
 * of which a year of scope 'a' is 27,525), twice (the two floor days each UTC day touches). With PostgreSQL's
 * default 128 MB of shared buffers a scan of a table that size goes through a small ring of buffers, so the second
 * read was a read again: a year at UTC+8 took 192-246 ms in PostgreSQL alone (PostgreSQL 15, default settings).
 *
 * The key now orders by scope and brand before the day, so one scope's (or one brand's) days are one range of it,
 * and carries the counts (INCLUDE), so that range is read without the table once vacuum has marked its pages
 * all-visible: 82-95 ms for the same report there. Where the shared buffers hold the whole table (the benches'
 * embedded server has 512 MB) the reads were cheaper to begin with, and most of the report's time is its answer's
 * size (27,605 rows for a year). The key's columns are the same set, so the triggers' `on conflict (scope, day,
 * brand, user_id, result)` finds it. What it costs: a count's update changes an indexed value, so it is no longer
 * a heap-only update — each call writes a new key entry for its two rows (scope 'a' and its brand), which
 * PostgreSQL's bottom-up deletion and vacuum clear.
 */
export const callDaysCoveringKey = /* sql */ `
alter table report_call_days drop constraint report_call_days_pkey;
alter table report_call_days add constraint report_call_days_pkey primary key (scope, brand, day, user_id, result) include (before);
`;

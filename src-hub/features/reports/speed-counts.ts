import type { SpeedToLeadReport } from '../../../src-shared/contract/reports.schema';

/**
 * Speed to lead's figures from counts per value (pure). The hub reads each lead's minutes at the report's
 * resolution (tenths of a minute, `report_speed_tenths`) as counts per value — from the yearly summary or
 * scanned from leads — and ranks them here: a value's count is added in one step, so a group's median is a
 * walk over its few hundred distinct values, not a sort of its leads (PostgreSQL's percentile_cont sorted
 * every group's leads once per figure: 8 sorts of every lead in the range).
 */
export type SpeedDimension = 'overall' | 'brand' | 'source' | 'agent';
export type SpeedMeasure = 'c' | 'f';

/**
 * Leads per value of one measure. The values are tenths of a minute: every one under an hour (0–599), then
 * whole tenths of an hour (600, 660, …); those up to 4 days sit in one array by their place in that order,
 * anything else (later, or a value off that grid) in a map, so adding a value is an array increment. Counts may
 * be taken away (a month's counts less the part of it outside the range) and go below 0 on the way: only the
 * sum of what was added and taken away is a count.
 */
export class Tally {
  private readonly dense = new Float64Array(DENSE_SLOTS);
  private readonly sparse = new Map<number, number>();

  add(tenths: number, count: number): void {
    const slot = slotOf(tenths);
    if (slot >= 0) this.dense[slot] = (this.dense[slot] ?? 0) + count;
    else this.sparse.set(tenths, (this.sparse.get(tenths) ?? 0) + count);
  }

  /**
   * `count` leads of a stored slot (1 and up, `tenthsOfSlot`): the same as adding its value, without going
   * through the value — a stored slot's place here is the slot less one (the summary's slots and this array
   * follow the same grid). A report over months adds some 500,000 stored slots.
   */
  addStoredSlot(slot: number, count: number): void {
    const place = slot - 1;
    if (place >= 0 && place < DENSE_SLOTS) this.dense[place] = (this.dense[place] ?? 0) + count;
    else {
      const tenths = tenthsOfSlot(slot);
      if (tenths !== null) this.add(tenths, count);
    }
  }

  /** [value, leads] in order of value, values without leads left out. */
  entries(): Array<[number, number]> {
    const entries: Array<[number, number]> = [];
    this.dense.forEach((count, slot) => {
      if (count > 0) entries.push([slot < HOUR_TENTHS ? slot : (slot - HOUR_TENTHS) * 60 + HOUR_TENTHS, count]);
    });
    if (this.sparse.size === 0) return entries;
    for (const [tenths, count] of this.sparse) if (count > 0) entries.push([tenths, count]);
    return entries.sort((a, b) => a[0] - b[0]);
  }
}

const HOUR_TENTHS = 600;
/** Every tenth of a minute of the first hour, then tenths of an hour to 4 days. */
const DENSE_SLOTS = HOUR_TENTHS + 4 * 24 * 10;

/**
 * The value of a slot of the stored counts (migration 13's report_speed_slot): slot 0 is a lead without the
 * measure's time (null), 1–600 the tenths of a minute 0–599, from 601 one slot per tenth of an hour (600, 660, …).
 */
export function tenthsOfSlot(slot: number): number | null {
  if (slot <= 0) return null;
  return slot <= HOUR_TENTHS ? slot - 1 : HOUR_TENTHS + (slot - HOUR_TENTHS - 1) * 60;
}

function slotOf(tenths: number): number {
  if (tenths >= 0 && tenths < HOUR_TENTHS && Number.isInteger(tenths)) return tenths;
  const slot = HOUR_TENTHS + (tenths - HOUR_TENTHS) / 60;
  return tenths >= HOUR_TENTHS && Number.isInteger(slot) && slot < DENSE_SLOTS ? slot : -1;
}

/** One group's counts: its leads, and per measure the leads per value. */
export class GroupCounts {
  leads = 0;
  readonly values: Record<SpeedMeasure, Tally> = { c: new Tally(), f: new Tally() };

  constructor(
    readonly dimension: SpeedDimension,
    readonly key: string,
  ) {}

  /** `count` leads whose measure is `tenths`. */
  add(measure: SpeedMeasure, tenths: number, count: number): void {
    this.values[measure].add(tenths, count);
  }
}

export interface DurationFigures {
  leads: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

/** The counts of one report, group by group (leads of brand, source and overall are every lead; an agent's are their first claims); `report()` ranks them. */
export class SpeedCounts {
  private readonly groups = new Map<string, GroupCounts>();

  /** The group's counts, to add to (found once per row of counts, not once per value). */
  at(dimension: SpeedDimension, key: string): GroupCounts {
    const id = `${dimension}\u0000${key}`;
    let group = this.groups.get(id);
    if (!group) {
      group = new GroupCounts(dimension, key);
      this.groups.set(id, group);
    }
    return group;
  }

  /** The keys of one dimension's groups (the agents' ids, to name them). */
  keysOf(dimension: SpeedDimension): string[] {
    return [...this.groups.values()].filter((group) => group.dimension === dimension).map((group) => group.key);
  }

  /** Every group with leads, labelled (agents by name), in the report's order. */
  report(labelOf: (dimension: SpeedDimension, key: string) => string): SpeedToLeadReport {
    const figures = (group: GroupCounts | undefined) => ({ toClaim: durationFigures(group?.values.c), toFirstCall: durationFigures(group?.values.f) });
    const overall = this.groups.get(`overall\u0000`);
    const groups = [...this.groups.values()]
      .filter((group): group is GroupCounts & { dimension: 'brand' | 'source' | 'agent' } => group.dimension !== 'overall' && group.leads > 0)
      .map((group) => ({ dimension: group.dimension, key: group.key, label: labelOf(group.dimension, group.key), leads: group.leads, ...figures(group) }))
      .sort((a, b) => a.dimension.localeCompare(b.dimension) || b.leads - a.leads || a.label.localeCompare(b.label));
    return { overall: { leads: overall?.leads ?? 0, ...figures(overall) }, groups };
  }
}

/** How many leads have a value, and the median and p90 in minutes to one decimal (null without a value). */
export function durationFigures(tally: Tally | undefined): DurationFigures {
  const sorted = tally?.entries() ?? [];
  const timed = sorted.reduce((sum, [, count]) => sum + count, 0);
  return { leads: timed, medianMinutes: minutes(percentileCont(sorted, timed, 0.5)), p90Minutes: minutes(percentileCont(sorted, timed, 0.9)) };
}

/**
 * PostgreSQL's percentile_cont over the values the counts stand for, in float8 as it computes it: the values
 * at ranks floor and ceiling of q(N-1), interpolated.
 */
export function percentileCont(sorted: ReadonlyArray<readonly [number, number]>, total: number, q: number): number | null {
  if (total === 0) return null;
  const position = q * (total - 1);
  const lo = valueAtRank(sorted, Math.floor(position));
  const hi = valueAtRank(sorted, Math.ceil(position));
  return lo + (position - Math.floor(position)) * (hi - lo);
}

/** The value at a 0-based rank of counts in order of value. */
function valueAtRank(sorted: ReadonlyArray<readonly [number, number]>, rank: number): number {
  let upto = 0;
  for (const [value, count] of sorted) {
    upto += count;
    if (upto > rank) return value;
  }
  throw new Error(`rank ${rank} beyond ${upto} counted values`);
}

/** Minutes to one decimal from tenths of a minute. */
function minutes(tenths: number | null): number | null {
  return tenths === null ? null : Math.round(tenths) / 10;
}

/**
 * Each integer of a comma-separated list from PostgreSQL (`array_to_string`, NULLs left out; '' is none), read
 * in place: a month's list holds 86,400 values, and split() made a string of each.
 */
export function forEachInteger(text: string | null, use: (value: number) => void): void {
  if (!text) return;
  let value = 0;
  let negative = false;
  for (let at = 0; at <= text.length; at++) {
    const code = at < text.length ? text.charCodeAt(at) : 44;
    if (code === 44) {
      use(negative ? -value : value);
      value = 0;
      negative = false;
    } else if (code === 45) negative = true;
    else if (code >= 48 && code <= 57) value = value * 10 + (code - 48);
    else throw new Error(`not a list of integers: ${text.slice(0, 40)}`);
  }
}

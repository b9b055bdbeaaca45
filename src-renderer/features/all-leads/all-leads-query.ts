import type { LeadSort, LeadsQueryInput } from '../../../src-shared/contract/leads.schema';
import { UNASSIGNED_FILTER } from '../../../src-shared/contract/leads.schema';

export const PAGE_SIZE = 50;

export const AGE_PRESETS = [
  { value: 'older_1h', label: 'Older than 1 hour', ms: 3_600_000 },
  { value: 'older_1d', label: 'Older than 1 day', ms: 86_400_000 },
  { value: 'older_7d', label: 'Older than 7 days', ms: 7 * 86_400_000 },
] as const;
/** `dates`: created between the two dates of the toolbar. */
export const CREATED_BETWEEN = 'dates';
export type AgePreset = '' | (typeof AGE_PRESETS)[number]['value'] | typeof CREATED_BETWEEN;

/** What the supervisor chose in the All Leads toolbar; empty strings mean "any". */
export interface AllLeadsFilter {
  /** '' every lead, `none` unassigned, or a user id. */
  agent: string;
  stageId: string;
  brand: string;
  source: string;
  age: AgePreset;
  /**
   * When the age preset was picked: "older than 1 hour" counts back from then, so the query (and the page
   * on screen) stays put until the user changes a filter or refreshes.
   */
  ageAsOf: string | null;
  /** `YYYY-MM-DD` in local time, inclusive; used when `age` is `dates`. */
  createdFrom: string;
  /** `YYYY-MM-DD` in local time, inclusive (the whole day); used when `age` is `dates`. */
  createdTo: string;
  /** The free-text search as sent (already debounced). */
  search: string;
  /** Only open leads whose last Mark as Won push failed: the work list once a dealer is back. */
  wonFailed: boolean;
  sort: LeadSort;
}

export const EMPTY_FILTER: AllLeadsFilter = {
  agent: '',
  stageId: '',
  brand: '',
  source: '',
  age: '',
  ageAsOf: null,
  createdFrom: '',
  createdTo: '',
  search: '',
  wonFailed: false,
  sort: 'created_desc',
};

export const UNASSIGNED = UNASSIGNED_FILTER;

/** The filters and sort of `GET /leads` and of the CSV export, without paging. */
export type LeadsFilterQuery = Omit<LeadsQueryInput, 'limit' | 'cursor'>;
export type FilterQuery = { ok: true; query: LeadsFilterQuery } | { ok: false; message: string };

/** Local midnight of a `YYYY-MM-DD` date plus `days`, as ISO UTC; null when the text is not a date. */
export function localDayStart(date: string, days = 0): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const day = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days);
  return Number.isNaN(day.getTime()) ? null : day.toISOString();
}

/** The hub's filters (`GET /leads` and the CSV export) for what the toolbar shows; refused ranges say why. */
export function filterQuery(filter: AllLeadsFilter): FilterQuery {
  const preset = AGE_PRESETS.find((candidate) => candidate.value === filter.age);
  const asOf = filter.ageAsOf ? Date.parse(filter.ageAsOf) : Number.NaN;
  const between = filter.age === CREATED_BETWEEN;
  const createdAfter = between && filter.createdFrom ? (localDayStart(filter.createdFrom) ?? undefined) : undefined;
  const createdBefore =
    preset && !Number.isNaN(asOf) ? new Date(asOf - preset.ms).toISOString() : between && filter.createdTo ? (localDayStart(filter.createdTo, 1) ?? undefined) : undefined;
  if (createdAfter && createdBefore && Date.parse(createdAfter) >= Date.parse(createdBefore)) {
    return { ok: false, message: 'No lead can match: the first creation date is after the second. Change one of them.' };
  }
  const search = filter.search.trim();
  return {
    ok: true,
    query: {
      scope: 'all',
      ...(filter.agent ? { userId: filter.agent } : {}),
      ...(filter.stageId ? { stageId: filter.stageId } : {}),
      ...(filter.brand ? { brand: filter.brand } : {}),
      ...(filter.source ? { source: filter.source } : {}),
      ...(createdAfter ? { createdAfter } : {}),
      ...(createdBefore ? { createdBefore } : {}),
      ...(search ? { q: search } : {}),
      ...(filter.wonFailed ? { wonFailed: 'true' as const } : {}),
      sort: filter.sort,
    },
  };
}

/** One page of the list: the filters plus the page size and the cursor of that page. */
export function pageQuery(query: LeadsFilterQuery, cursor: string | undefined): LeadsQueryInput {
  return { ...query, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) };
}

/** True when any filter narrows the list (the sort is not a filter). */
export function isFiltered(filter: AllLeadsFilter): boolean {
  return Boolean(filter.agent || filter.stageId || filter.brand || filter.source || filter.age || filter.search.trim() || filter.wonFailed);
}

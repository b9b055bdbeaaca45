import type { SortingState } from '@tanstack/react-table';
import type { LeadSort } from '../../../src-shared/contract/leads.schema';

/** The columns the hub can order by (its keyset sorts), and the name of each order in LEAD_SORTS. */
const SORT_BY_COLUMN = { ref: 'ref', customer: 'customer', createdAt: 'created', updatedAt: 'updated' } as const;
type SortableColumn = keyof typeof SORT_BY_COLUMN;

export function isSortableColumn(columnId: string): columnId is SortableColumn {
  return Object.hasOwn(SORT_BY_COLUMN, columnId);
}

/** The table's sort state for the hub's order. */
export function sortingOf(sort: LeadSort): SortingState {
  const [field, direction] = sort.split('_') as [string, 'asc' | 'desc'];
  const column = (Object.keys(SORT_BY_COLUMN) as SortableColumn[]).find((id) => SORT_BY_COLUMN[id] === field);
  return column ? [{ id: column, desc: direction === 'desc' }] : [];
}

/** The hub's order for the table's sort state; null when the column is not one the hub sorts by. */
export function sortOf(sorting: SortingState): LeadSort | null {
  const first = sorting[0];
  if (!first || !isSortableColumn(first.id)) return null;
  return `${SORT_BY_COLUMN[first.id]}_${first.desc ? 'desc' : 'asc'}`;
}

import { memo, useMemo } from 'react';
import { FlexRender, functionalUpdate, useTable, type OnChangeFn, type RowSelectionState, type SortingState } from '@tanstack/react-table';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import type { LeadSort } from '../../../src-shared/contract/leads.schema';
import type { ColumnPrefs } from './column-prefs-store';
import { ALL_LEADS_FEATURES, LEAD_COLUMNS, type LeadLookups } from './lead-columns';
import { sortOf, sortingOf } from './lead-sort';
import { SortableHeader } from './SortableHeader';

interface LeadsTableProps {
  leads: Lead[];
  lookups: LeadLookups;
  sort: LeadSort;
  onSort(sort: LeadSort): void;
  prefs: ColumnPrefs;
  onPrefs(patch: Partial<ColumnPrefs>): void;
  selection: RowSelectionState;
  onSelection: OnChangeFn<RowSelectionState>;
  onOpen(leadId: string): void;
}

const getRowId = (lead: Lead) => lead.id;

/**
 * One page of All Leads. The hub filters, sorts and pages (manual sorting: a header click asks the hub for
 * another order); the table keeps the selection, the column choice and the widths. While a newer page loads
 * the panel dims these rows (CSS on its aria-busy) without rendering them again.
 */
export const LeadsTable = memo(function LeadsTable({ leads, lookups, sort, onSort, prefs, onPrefs, selection, onSelection, onOpen }: LeadsTableProps) {
  const sorting = useMemo(() => sortingOf(sort), [sort]);
  const onSortingChange: OnChangeFn<SortingState> = (updater) => {
    const next = sortOf(functionalUpdate(updater, sorting));
    if (next) onSort(next);
  };
  const table = useTable({
    features: ALL_LEADS_FEATURES,
    columns: LEAD_COLUMNS,
    data: leads,
    meta: lookups,
    getRowId,
    manualSorting: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    columnResizeMode: 'onChange',
    defaultColumn: { minSize: 48, maxSize: 600 },
    state: { sorting, rowSelection: selection, columnVisibility: prefs.visibility, columnSizing: prefs.sizing },
    onSortingChange,
    onRowSelectionChange: onSelection,
    onColumnVisibilityChange: (updater) => onPrefs({ visibility: functionalUpdate(updater, prefs.visibility) }),
    onColumnSizingChange: (updater) => onPrefs({ sizing: functionalUpdate(updater, prefs.sizing) }),
  });

  return (
    <div className="data-table-scroll">
      <table className="data-table" style={{ width: table.getTotalSize() }} aria-label="Leads">
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <SortableHeader key={header.id} header={header} />
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} data-lead-id={row.id} aria-selected={row.getIsSelected()} className={row.getIsSelected() ? 'is-selected' : undefined} onClick={() => onOpen(row.id)}>
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className={cell.column.id === 'select' ? 'cell-select' : undefined}>
                  <FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});

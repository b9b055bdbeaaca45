import {
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  metaHelper,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
} from '@tanstack/react-table';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import { formatWhen } from '../wizards/local-time';
import { formatAge } from '../leads-board/lead-age';
import { RowCheckbox } from './RowCheckbox';
import { SelectAllCheckbox } from './SelectAllCheckbox';
import { isSortableColumn } from './lead-sort';

/** Names the rows show instead of ids, and the time ages are counted from: the table's meta. */
export interface LeadLookups {
  stageName: ReadonlyMap<string, string>;
  agent: ReadonlyMap<string, { name: string; active: boolean }>;
  dealershipName: ReadonlyMap<string, string>;
  now: Date;
}

/** Selection, server-side sort state, column choice and widths; no client row processing (the hub filters, sorts and pages). */
export const ALL_LEADS_FEATURES = tableFeatures({
  rowSelectionFeature,
  rowSortingFeature,
  columnVisibilityFeature,
  columnSizingFeature,
  columnResizingFeature,
  tableMeta: metaHelper<LeadLookups>(),
});
export type AllLeadsFeatures = typeof ALL_LEADS_FEATURES;

const helper = createColumnHelper<AllLeadsFeatures, Lead>();
const sortable = (id: string) => ({ enableSorting: isSortableColumn(id) });

const EMPTY_LOOKUPS: LeadLookups = { stageName: new Map(), agent: new Map(), dealershipName: new Map(), now: new Date(0) };

/** The lookups of the table a cell belongs to. */
const lookupsOf = (info: { table: { options: { meta?: LeadLookups } } }): LeadLookups => info.table.options.meta ?? EMPTY_LOOKUPS;

/**
 * The columns, defined once: a cell renderer is a component to React, so a new definition per render would
 * remount every cell (and lose a click in flight). What changes (names, the clock) comes in the table's meta.
 */
export const LEAD_COLUMNS = helper.columns([
  helper.display({
    id: 'select',
    header: ({ table }) => <SelectAllCheckbox table={table} />,
    cell: ({ row }) => <RowCheckbox row={row} />,
    size: 34,
    enableHiding: false,
    enableResizing: false,
    enableSorting: false,
  }),
  helper.accessor('ref', {
    header: 'Reference',
    size: 150,
    ...sortable('ref'),
    // A button, so the keyboard reaches the lead too; its click opens the lead through the row.
    cell: (info) => (
      <button type="button" className="link mono">
        {info.getValue()}
      </button>
    ),
  }),
  helper.accessor((lead) => lead.customer.name, { id: 'customer', header: 'Customer', size: 150, ...sortable('customer') }),
  helper.accessor((lead) => lead.customer.phone ?? '', { id: 'phone', header: 'Phone', size: 140, ...sortable('phone') }),
  helper.accessor((lead) => lead.customer.email ?? '', { id: 'email', header: 'Email', size: 200, ...sortable('email') }),
  helper.accessor('brand', { header: 'Brand', size: 80, ...sortable('brand') }),
  helper.accessor('vehicleModel', { header: 'Model', size: 90, ...sortable('vehicleModel') }),
  helper.accessor('dealershipId', {
    id: 'dealership',
    header: 'Dealership',
    size: 170,
    ...sortable('dealership'),
    cell: (info) => {
      const id = info.getValue();
      return id ? (lookupsOf(info).dealershipName.get(id) ?? '…') : '—';
    },
  }),
  helper.accessor('source', { header: 'Source', size: 95, ...sortable('source') }),
  helper.accessor('stageId', { id: 'stage', header: 'Stage', size: 95, ...sortable('stage'), cell: (info) => lookupsOf(info).stageName.get(info.getValue()) ?? '…' }),
  helper.accessor('userId', {
    id: 'agent',
    header: 'Assigned Agent',
    size: 150,
    ...sortable('agent'),
    cell: (info) => {
      const userId = info.getValue();
      if (userId === null) return <span className="muted">Unassigned</span>;
      const agent = lookupsOf(info).agent.get(userId);
      if (!agent) return '…';
      return agent.active ? agent.name : <span title="This user is deactivated">{agent.name} <span className="pill pill-grey">inactive</span></span>;
    },
  }),
  helper.accessor('createdAt', { header: 'Created', size: 178, sortDescFirst: true, ...sortable('createdAt'), cell: (info) => formatWhen(info.getValue()) }),
  helper.accessor('createdAt', { id: 'age', header: 'Age', size: 80, ...sortable('age'), cell: (info) => formatAge(info.getValue(), lookupsOf(info).now) }),
  helper.accessor('updatedAt', { header: 'Updated', size: 178, sortDescFirst: true, ...sortable('updatedAt'), cell: (info) => formatWhen(info.getValue()) }),
  helper.accessor((lead) => lead.wonFailure ?? null, {
    id: 'wonFailure',
    header: 'Won push',
    size: 260,
    enableSorting: false,
    cell: (info) => {
      const failure = info.getValue();
      if (!failure || info.row.original.dealerSoName) return '';
      const who = failure.userId ? (lookupsOf(info).agent.get(failure.userId)?.name ?? '…') : 'someone';
      return (
        <span className="won-failed" title={failure.error}>
          Failed {formatWhen(failure.at)} ({who}): {failure.error}
        </span>
      );
    },
  }),
]);

/** Column names for the column chooser, in table order. */
export const COLUMN_LABELS: ReadonlyArray<{ id: string; label: string }> = [
  { id: 'ref', label: 'Reference' },
  { id: 'customer', label: 'Customer' },
  { id: 'phone', label: 'Phone' },
  { id: 'email', label: 'Email' },
  { id: 'brand', label: 'Brand' },
  { id: 'vehicleModel', label: 'Model' },
  { id: 'dealership', label: 'Dealership' },
  { id: 'source', label: 'Source' },
  { id: 'stage', label: 'Stage' },
  { id: 'agent', label: 'Assigned Agent' },
  { id: 'createdAt', label: 'Created' },
  { id: 'age', label: 'Age' },
  { id: 'updatedAt', label: 'Updated' },
  { id: 'wonFailure', label: 'Won push' },
];

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { functionalUpdate, type OnChangeFn, type RowSelectionState } from '@tanstack/react-table';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import type { LeadSort } from '../../../src-shared/contract/leads.schema';
import { useUiStore } from '../../app/ui-store';
import { call, crm } from '../../bridge/crm';
import { AllLeadsFilters } from './AllLeadsFilters';
import { BulkActionsBar } from './BulkActionsBar';
import { BulkAssignDialog, type BulkTarget } from './BulkAssignDialog';
import { ColumnChooser } from './ColumnChooser';
import { ExportCsvButton } from './ExportCsvButton';
import { LeadsTable } from './LeadsTable';
import { PagingBar } from './PagingBar';
import { TableMessage } from './TableMessage';
import { useAllLeadsFilter } from './all-leads-filter-store';
import { PAGE_SIZE, filterQuery, isFiltered, pageQuery } from './all-leads-query';
import { useColumnPrefs, useColumnPrefsStore, type ColumnPrefs } from './column-prefs-store';
import { useKeysetPages } from './use-keyset-pages';
import { useLeadFacets } from './use-lead-facets';
import { useReplicaLookups } from './use-replica-lookups';
import './data-table.css';

const NO_SELECTION: RowSelectionState = {};

/** The selected leads of one query (ids for the table, the leads themselves for their versions). */
interface Picked {
  key: string | null;
  ids: RowSelectionState;
  leads: Record<string, Lead>;
}

/**
 * All Leads (supervisors and managers): every lead, read page by page from the hub with its filters and sort,
 * for finding an absent agent's work and reassigning it — one lead through its form, or many at once.
 */
export function AllLeadsPanel({ userId }: { userId: string }) {
  const { set, clear, ...filter } = useAllLeadsFilter();
  const openLead = useUiStore((state) => state.openLead);
  const { lookups, users, stages, dealerships } = useReplicaLookups();
  const prefs = useColumnPrefs(userId);
  const updatePrefs = useColumnPrefsStore((state) => state.update);
  const resetPrefs = useColumnPrefsStore((state) => state.reset);

  const built = useMemo(() => filterQuery(filter), [filter.agent, filter.stageId, filter.brand, filter.source, filter.age, filter.ageAsOf, filter.createdFrom, filter.createdTo, filter.search, filter.sort]);
  const queryKey = built.ok ? JSON.stringify(built.query) : null;
  const pages = useKeysetPages<Lead>(queryKey, (cursor) => (built.ok ? call(crm().listLeads(pageQuery(built.query, cursor))) : Promise.reject(new Error(built.message))));
  const facets = useLeadFacets(dealerships, pages.items, filter);

  // "Older than 1 hour" counts from when the panel is shown, not from when the preset was picked days ago.
  useEffect(() => {
    if (useAllLeadsFilter.getState().age) set({ ageAsOf: new Date().toISOString() });
  }, [set]);

  // Back from a lead opened here (perhaps reassigned in its form): the page is asked for again.
  const openLeadId = useUiStore((state) => state.openLeadId);
  const [wasOpen, setWasOpen] = useState(openLeadId);
  if (wasOpen !== openLeadId) {
    setWasOpen(openLeadId);
    if (openLeadId === null) pages.reload();
  }

  // Component state, not a store: the selection keeps each lead as shown (its version) and must not outlive the page.
  const [picked, setPicked] = useState<Picked>({ key: null, ids: {}, leads: {} });
  const selection = picked.key === queryKey ? picked.ids : NO_SELECTION;
  const selectedLeads = Object.keys(selection).flatMap((id) => (selection[id] && picked.leads[id] ? [picked.leads[id]] : []));
  // The table's handler stays the same while a new page loads, so the rows on screen are not rendered again.
  const shown = useRef({ queryKey, items: pages.items });
  useLayoutEffect(() => {
    shown.current = { queryKey, items: pages.items };
  });
  const onSelection: OnChangeFn<RowSelectionState> = useCallback(
    (updater) =>
      setPicked((previous) => {
        const { queryKey: key, items } = shown.current;
        const before = previous.key === key ? previous : { key, ids: {}, leads: {} };
        const ids = functionalUpdate(updater, before.ids);
        const onPage = new Map(items.map((lead) => [lead.id, lead]));
        const leads = Object.fromEntries(
          Object.keys(ids).flatMap((id) => {
            const lead = onPage.get(id) ?? before.leads[id];
            return ids[id] && lead ? [[id, lead]] : [];
          }),
        );
        return { key, ids, leads };
      }),
    [],
  );
  const clearSelection = useCallback(() => setPicked({ key: null, ids: {}, leads: {} }), []);
  const [bulk, setBulk] = useState<{ leads: Lead[]; target: BulkTarget } | null>(null);

  const onSort = useCallback((sort: LeadSort) => set({ sort }), [set]);
  const onPrefs = useCallback((patch: Partial<ColumnPrefs>) => updatePrefs(userId, patch), [updatePrefs, userId]);
  const onOpen = useCallback((leadId: string) => openLead(leadId), [openLead]);
  // With an age preset, "older than" counts from now again (a new query, from its first page).
  const refresh = () => (filter.age ? set({ ageAsOf: new Date().toISOString() }) : pages.reload());
  const busy = pages.status === 'loading';

  return (
    <section className="board all-leads" aria-label="All Leads" aria-busy={busy} data-query-key={pages.shownKey ?? ''}>
      <div className="board-toolbar">
        <h2>All Leads</h2>
        {busy && <span className="muted table-loading">Loading…</span>}
        <span className="spacer" />
        <ColumnChooser visibility={prefs.visibility} onToggle={(id, visible) => onPrefs({ visibility: { ...prefs.visibility, [id]: visible } })} onReset={() => resetPrefs(userId)} />
        <ExportCsvButton query={built.ok ? built.query : null} />
        <button type="button" onClick={refresh} title="Ask the hub again (F5 refreshes the replica)">
          Refresh
        </button>
      </div>
      <AllLeadsFilters filter={filter} onChange={set} onClear={clear} users={users} stages={stages} brands={facets.brands} sources={facets.sources} />
      {selectedLeads.length > 0 && (
        <BulkActionsBar
          count={selectedLeads.length}
          assignees={users.filter((user) => user.active)}
          onAssign={(target) => setBulk({ leads: selectedLeads, target })}
          onClear={clearSelection}
        />
      )}
      {!built.ok ? (
        <TableMessage tone="error">{built.message}</TableMessage>
      ) : pages.status === 'error' ? (
        <TableMessage tone="error" action={{ label: 'Try again', onClick: pages.reload }}>
          Could not load the leads: {pages.error}
        </TableMessage>
      ) : pages.shownKey === null ? (
        <TableMessage>Loading leads…</TableMessage>
      ) : pages.items.length === 0 && pages.status === 'ready' ? (
        <TableMessage action={isFiltered(filter) ? { label: 'Clear filters', onClick: clear } : undefined}>
          {pages.pageIndex > 0 ? 'No more leads on this page.' : isFiltered(filter) ? 'No lead matches these filters.' : 'No leads yet. Leads from the distributor feed and manual entry appear here.'}
        </TableMessage>
      ) : (
        <LeadsTable leads={pages.items} lookups={lookups} sort={filter.sort} onSort={onSort} prefs={prefs} onPrefs={onPrefs} selection={selection} onSelection={onSelection} onOpen={onOpen} />
      )}
      <PagingBar label="All Leads pages" pageIndex={pages.pageIndex} pageSize={PAGE_SIZE} rows={pages.items.length} hasNext={pages.hasNext} onNext={pages.next} onPrevious={pages.previous} />
      {bulk && (
        <BulkAssignDialog
          leads={bulk.leads}
          target={bulk.target}
          onClose={() => setBulk(null)}
          onFinished={() => {
            clearSelection();
            pages.reload();
          }}
        />
      )}
    </section>
  );
}

import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { CallLogListItem } from '../../../src-shared/contract/lead-work.schema';
import type { Actor } from '../../../src-shared/domain/lead-access';
import { CALL_RESULTS, CALL_RESULT_LABELS, type CallResult } from '../../../src-shared/domain/call-results';
import { capabilitiesOf } from '../../../src-shared/domain/roles';
import { useReplica } from '../../app/ReplicaProvider';
import { useUiStore } from '../../app/ui-store';
import { call, crm } from '../../bridge/crm';
import { PagingBar } from '../all-leads/PagingBar';
import { TableMessage } from '../all-leads/TableMessage';
import { useKeysetPages } from '../all-leads/use-keyset-pages';
import { CallLogsTable } from './CallLogsTable';
import { useCallLogsFilter } from './call-logs-filter-store';
import { CALL_LOGS_PAGE_SIZE, callLogsPageQuery, callLogsQuery } from './call-logs-query';
import '../all-leads/data-table.css';

/**
 * Call Logs: every call logged on a lead, newest first, read page by page from the hub. Agents see their own
 * (the hub answers nothing else), so the agent filter is for supervisors and managers.
 */
export function CallLogsPage({ actor }: { actor: Actor }) {
  const { db } = useReplica();
  const { set, clear, ...filter } = useCallLogsFilter();
  const openLead = useUiStore((state) => state.openLead);
  const seesAll = capabilitiesOf(actor.role).seeAllLeads;
  const users = useLiveQuery(() => db.users.toArray(), [db], []);
  const agentName = useMemo(() => new Map(users.map((user) => [user.id, user.name])), [users]);
  const people = useMemo(() => [...users].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name)), [users]);

  const built = useMemo(() => callLogsQuery(filter, seesAll), [filter.agent, filter.result, filter.from, filter.to, seesAll]);
  const queryKey = built.ok ? JSON.stringify(built.query) : null;
  const pages = useKeysetPages<CallLogListItem>(queryKey, (cursor) => (built.ok ? call(crm().listCallLogs(callLogsPageQuery(built.query, cursor))) : Promise.reject(new Error(built.message))));
  const filtered = Boolean(filter.agent || filter.result || filter.from || filter.to);
  const busy = pages.status === 'loading';

  return (
    <section className="board call-logs" aria-label="Call Logs" aria-busy={busy} data-query-key={pages.shownKey ?? ''}>
      <div className="board-toolbar">
        <h2>Call Logs</h2>
        {busy && <span className="muted table-loading">Loading…</span>}
        <span className="spacer" />
        <button type="button" onClick={pages.reload}>
          Refresh
        </button>
      </div>
      <div className="filter-bar" role="group" aria-label="Filters">
        {seesAll && (
          <select value={filter.agent} onChange={(event) => set({ agent: event.target.value })} aria-label="Agent">
            <option value="">All agents</option>
            {people.map((user) => (
              <option key={user.id} value={user.id}>
                {user.active ? user.name : `${user.name} (inactive)`}
              </option>
            ))}
          </select>
        )}
        <select value={filter.result} onChange={(event) => set({ result: event.target.value as '' | CallResult })} aria-label="Call Result">
          <option value="">All results</option>
          {CALL_RESULTS.map((result) => (
            <option key={result} value={result}>
              {CALL_RESULT_LABELS[result]}
            </option>
          ))}
        </select>
        <label className="filter-dates">
          From
          <input type="date" value={filter.from} onChange={(event) => set({ from: event.target.value })} aria-label="From" />
        </label>
        <label className="filter-dates">
          To
          <input type="date" value={filter.to} onChange={(event) => set({ to: event.target.value })} aria-label="To" />
        </label>
        {filtered && (
          <button type="button" className="link" onClick={clear}>
            Clear filters
          </button>
        )}
      </div>
      {!built.ok ? (
        <TableMessage tone="error">{built.message}</TableMessage>
      ) : pages.status === 'error' ? (
        <TableMessage tone="error" action={{ label: 'Try again', onClick: pages.reload }}>
          Could not load the call logs: {pages.error}
        </TableMessage>
      ) : pages.shownKey === null ? (
        <TableMessage>Loading call logs…</TableMessage>
      ) : pages.items.length === 0 && pages.status === 'ready' ? (
        <TableMessage action={filtered ? { label: 'Clear filters', onClick: clear } : undefined}>
          {pages.pageIndex > 0 ? 'No more calls.' : filtered ? 'No call matches these filters.' : 'No calls logged yet. Each call logged on a lead (Log Call) appears here.'}
        </TableMessage>
      ) : (
        <CallLogsTable callLogs={pages.items} agentName={agentName} showAgent={seesAll} onOpen={(leadId) => openLead(leadId)} busy={busy} />
      )}
      <PagingBar label="Call Logs pages" pageIndex={pages.pageIndex} pageSize={CALL_LOGS_PAGE_SIZE} rows={pages.items.length} hasNext={pages.hasNext} onNext={pages.next} onPrevious={pages.previous} />
    </section>
  );
}

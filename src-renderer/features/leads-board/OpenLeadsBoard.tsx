import { useCallback, useMemo } from 'react';
import { capabilitiesOf, type Role } from '../../../src-shared/domain/roles';
import { useReplica } from '../../app/ReplicaProvider';
import { useUiStore } from '../../app/ui-store';
import type { ReplicaLead } from '../../db/pool-key';
import { useNow } from '../../ui/use-now';
import { BoardToolbar } from './BoardToolbar';
import { OpenLeadCard } from './OpenLeadCard';
import { StaleThresholdSelect } from './StaleThresholdSelect';
import { VirtualColumn } from './VirtualColumn';
import { useOpenLeadsFilter } from './board-filter-store';
import { matchesSearch } from './board-filters';
import { countStale, isStale, staleCutoff } from './stale-leads';
import { usePool } from './use-pool';
import './open-leads.css';

const CARD_HEIGHT = 64;
const leadKey = (lead: ReplicaLead) => lead.id;

/**
 * The floor's pool: unclaimed open leads, one column per brand, read from the replica's pool index by a live
 * query, so a lead claimed anywhere leaves the board as soon as the change is synced. Supervisors and managers
 * also get the floor view: leads waiting past a threshold they choose are marked stale, counted per column.
 */
export function OpenLeadsBoard({ role }: { role: Role }) {
  const { db } = useReplica();
  const openLead = useUiStore((state) => state.openLead);
  const { brand, search, sort, staleAfterMin, set } = useOpenLeadsFilter();
  const floorView = capabilitiesOf(role).seeAllLeads;
  const now = useNow();
  const pool = usePool(db, brand, sort);

  const columns = useMemo(
    () =>
      (pool?.columns ?? []).map((column) => {
        if (!search) return column;
        const leads = column.leads.filter((lead) => matchesSearch(lead, search));
        return { ...column, leads, count: leads.length };
      }),
    [pool, search],
  );
  const cutoff = floorView ? staleCutoff(now, staleAfterMin) : null;
  const staleCounts = useMemo(() => (cutoff === null || !pool ? null : columns.map((column) => countStale(column.leads, cutoff))), [columns, cutoff, pool]);
  const shownCount = columns.reduce((sum, column) => sum + column.count, 0);
  const onOpen = useCallback((leadId: string) => openLead(leadId), [openLead]);

  return (
    // Busy until the pool is read.
    <section className="board" aria-label="Open Leads" aria-busy={!pool}>
      <BoardToolbar title="Open Leads" count={shownCount}>
        <input type="search" className="board-search" value={search} onChange={(event) => set({ search: event.target.value })} placeholder="Search ref, customer, phone" aria-label="Search leads" />
        <select value={brand} onChange={(event) => set({ brand: event.target.value })} aria-label="Brand">
          <option value="">All brands</option>
          {(pool?.brands ?? []).map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => set({ sort: sort === 'oldest' ? 'newest' : 'oldest' })} aria-label={`Sorted ${sort} first; change order`} title="Sort by creation date">
          {sort === 'oldest' ? 'Oldest first ↑' : 'Newest first ↓'}
        </button>
        {floorView && <StaleThresholdSelect value={staleAfterMin} onChange={(minutes) => set({ staleAfterMin: minutes })} />}
      </BoardToolbar>
      {pool === undefined ? (
        <p className="board-loading">Loading…</p>
      ) : columns.length === 0 ? (
        <p className="board-empty-board">No unclaimed leads. New leads appear here as they come in.</p>
      ) : (
        <div className="board-columns">
          {columns.map((column, index) => (
            <VirtualColumn
              key={column.brand}
              title={column.brand}
              items={column.leads}
              count={column.count}
              itemKey={leadKey}
              itemHeight={CARD_HEIGHT}
              empty={search ? 'No match' : 'No unclaimed leads'}
              aside={staleCounts ? <StaleCount count={staleCounts[index] ?? 0} /> : undefined}
              renderItem={(lead) => <OpenLeadCard lead={lead} now={now} stale={cutoff !== null && isStale(lead, cutoff)} onOpen={onOpen} />}
            />
          ))}
        </div>
      )}
    </section>
  );
}

function StaleCount({ count }: { count: number }) {
  return (
    <span className={count > 0 ? 'board-stale-count has-stale' : 'board-stale-count'} title={`${count.toLocaleString()} waiting longer than the stale threshold`}>
      {count.toLocaleString()} stale
    </span>
  );
}

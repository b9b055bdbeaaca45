import { useCallback, useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { isOnOpenLeads } from '../../../src-shared/domain/lead-access';
import { useReplica } from '../../app/ReplicaProvider';
import { useUiStore } from '../../app/ui-store';
import { useNow } from '../../ui/use-now';
import { BoardToolbar } from './BoardToolbar';
import { OpenLeadCard } from './OpenLeadCard';
import { VirtualColumn } from './VirtualColumn';
import { useOpenLeadsFilter } from './board-filter-store';
import { groupBy, matchesSearch, sortByCreated } from './board-filters';

const CARD_HEIGHT = 64;

/**
 * The floor's pool: unclaimed open leads, one column per brand. A live query on the replica, so a lead
 * claimed anywhere leaves the board as soon as the change is synced.
 */
export function OpenLeadsBoard() {
  const { db } = useReplica();
  const openLead = useUiStore((state) => state.openLead);
  const { brand, search, sort, set } = useOpenLeadsFilter();
  const now = useNow();
  const stages = useLiveQuery(() => db.stages.toArray(), [db]);
  const leads = useLiveQuery(() => db.leads.toArray(), [db]);

  const pool = useMemo(() => (stages && leads ? leads.filter((lead) => isOnOpenLeads(stages, lead)) : []), [stages, leads]);
  const brands = useMemo(() => [...new Set(pool.map((lead) => lead.brand))].sort((a, b) => a.localeCompare(b)), [pool]);
  const columns = useMemo(() => {
    const shown = sortByCreated(pool.filter((lead) => (!brand || lead.brand === brand) && matchesSearch(lead, search)), sort);
    const byBrand = groupBy(shown, (lead) => lead.brand);
    return (brand ? [brand] : brands).map((name) => ({ brand: name, leads: byBrand.get(name) ?? [] }));
  }, [pool, brands, brand, search, sort]);
  const shownCount = columns.reduce((sum, column) => sum + column.leads.length, 0);
  const onOpen = useCallback((leadId: string) => openLead(leadId), [openLead]);

  return (
    <section className="board" aria-label="Open Leads">
      <BoardToolbar title="Open Leads" count={shownCount}>
        <input type="search" className="board-search" value={search} onChange={(event) => set({ search: event.target.value })} placeholder="Search ref, customer, phone" aria-label="Search leads" />
        <select value={brand} onChange={(event) => set({ brand: event.target.value })} aria-label="Brand">
          <option value="">All brands</option>
          {brands.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => set({ sort: sort === 'oldest' ? 'newest' : 'oldest' })} aria-label={`Sorted ${sort} first; change order`} title="Sort by creation date">
          {sort === 'oldest' ? 'Oldest first ↑' : 'Newest first ↓'}
        </button>
      </BoardToolbar>
      {leads === undefined ? (
        <p className="board-loading">Loading…</p>
      ) : columns.length === 0 ? (
        <p className="board-empty-board">No unclaimed leads. New leads appear here as they come in.</p>
      ) : (
        <div className="board-columns">
          {columns.map((column) => (
            <VirtualColumn
              key={column.brand}
              title={column.brand}
              items={column.leads}
              itemKey={(lead) => lead.id}
              itemHeight={CARD_HEIGHT}
              empty={search ? 'No match' : 'No unclaimed leads'}
              renderItem={(lead) => <OpenLeadCard lead={lead} now={now} onOpen={onOpen} />}
            />
          ))}
        </div>
      )}
    </section>
  );
}

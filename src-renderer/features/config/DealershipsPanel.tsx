import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useReplica } from '../../app/ReplicaProvider';
import { DealershipEditor } from './DealershipEditor';

type Selection = { kind: 'new' } | { kind: 'existing'; id: string } | null;

/** Dealerships on the left, the chosen one's editor on the right. */
export function DealershipsPanel() {
  const { db } = useReplica();
  const rows = useLiveQuery(() => db.dealerships.toArray(), [db]);
  const dealerships = useMemo(() => [...(rows ?? [])].sort((a, b) => a.name.localeCompare(b.name)), [rows]);
  const [selection, setSelection] = useState<Selection>(null);
  const chosen = selection?.kind === 'existing' ? (dealerships.find((dealership) => dealership.id === selection.id) ?? null) : null;

  if (rows === undefined) return <p className="config-loading">Loading…</p>;
  return (
    <section className="config-section config-split" aria-label="Dealerships">
      <div className="config-list">
        <div className="config-list-bar">
          <span className="muted">
            {dealerships.length} dealership{dealerships.length === 1 ? '' : 's'}
          </span>
          <button type="button" className="primary" onClick={() => setSelection({ kind: 'new' })}>
            New dealership
          </button>
        </div>
        <table className="config-table">
          <thead>
            <tr>
              <th>Code</th>
              <th>Name</th>
              <th>Odoo</th>
            </tr>
          </thead>
          <tbody>
            {dealerships.map((dealership) => {
              const selected = selection?.kind === 'existing' && selection.id === dealership.id;
              return (
                <tr key={dealership.id} className={selected ? 'selected' : undefined}>
                  <td className="mono">{dealership.code}</td>
                  <td>
                    <button type="button" className="link" aria-current={selected || undefined} onClick={() => setSelection({ kind: 'existing', id: dealership.id })}>
                      {dealership.name}
                    </button>
                    <span className="brands">{dealership.brands.join(', ')}</span>
                  </td>
                  <td>{dealership.connection ? <span className="status-badge status-sent">Configured</span> : <span className="status-badge status-queued">Not set</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {dealerships.length === 0 && <p className="muted config-empty">No dealership yet. Leads need one for Mark as Won.</p>}
      </div>
      <div className="config-detail">
        {selection === null && <p className="muted config-empty">Choose a dealership to edit it, or add a new one.</p>}
        {selection?.kind === 'new' && (
          <DealershipEditor key="new" dealership={null} onSaved={(saved) => setSelection({ kind: 'existing', id: saved.id })} onCancel={() => setSelection(null)} />
        )}
        {selection?.kind === 'existing' &&
          (chosen ? <DealershipEditor key={chosen.id} dealership={chosen} onSaved={() => undefined} onCancel={() => setSelection(null)} /> : <p className="config-loading">Loading…</p>)}
      </div>
    </section>
  );
}

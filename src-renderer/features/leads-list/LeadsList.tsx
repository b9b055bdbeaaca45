import { useLiveQuery } from 'dexie-react-hooks';
import { useReplica } from '../../app/ReplicaProvider';
import { QuickNote } from './QuickNote';
import { byCreatedThenId } from '../../db/created-order';
import { readLeads } from '../../db/lead-store';

const SHOWN = 50;

/** A plain list of the replica's leads: proves the chain hub → main → IndexedDB → screen. */
export function LeadsList() {
  const { db } = useReplica();
  // A plain list, not a board: it shows the first rows only (the boards of the agent workspace virtualise).
  const firstRows = useLiveQuery(async () => [...(await readLeads(db)).all()].sort(byCreatedThenId).slice(0, SHOWN), [db]);
  const counted = useLiveQuery(async () => (await readLeads(db)).size, [db]);
  const leads = firstRows ?? [];
  const total = counted ?? 0;
  const stages = useLiveQuery(() => db.stages.toArray(), [db], []);
  const users = useLiveQuery(() => db.users.toArray(), [db], []);
  const stageName = new Map(stages.map((stage) => [stage.id, stage.name]));
  const userName = new Map(users.map((user) => [user.id, user.name]));
  return (
    <section className="leads-list" aria-label="Leads" aria-busy={firstRows === undefined || counted === undefined}>
      <h2>
        Leads <span className="count">{total > leads.length ? `${leads.length} of ${total.toLocaleString()}` : total}</span>
      </h2>
      <QuickNote leads={leads} />
      <table>
        <thead>
          <tr>
            <th>Reference</th>
            <th>Customer</th>
            <th>Brand</th>
            <th>Model</th>
            <th>Stage</th>
            <th>Assigned</th>
          </tr>
        </thead>
        <tbody>
          {leads.map((lead) => (
            <tr key={lead.id} data-lead-id={lead.id}>
              <td className="mono">{lead.ref}</td>
              <td>{lead.customer.name}</td>
              <td>{lead.brand}</td>
              <td>{lead.vehicleModel}</td>
              <td>{stageName.get(lead.stageId) ?? '…'}</td>
              <td>{lead.userId ? (userName.get(lead.userId) ?? '…') : <em>Unclaimed</em>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

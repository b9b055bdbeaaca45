import { useLiveQuery } from 'dexie-react-hooks';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import { useReplica } from '../../app/ReplicaProvider';
import { useUiStore } from '../../app/ui-store';
import { formatWhen } from '../wizards/local-time';
import { readLeads } from '../../db/lead-store';

/** The user's open leads whose last Mark as Won push failed, newest failure first. */
function useMyFailedPushes(userId: string): Lead[] | undefined {
  const { db } = useReplica();
  return useLiveQuery(async () => {
    const closedStages = new Set((await db.stages.toArray()).filter((stage) => stage.isWon || stage.isLost).map((stage) => stage.id));
    const mine = (await readLeads(db)).ofUser(userId);
    return mine
      .filter((lead) => lead.wonFailure && !lead.dealerSoName && !closedStages.has(lead.stageId))
      .sort((a, b) => ((a.wonFailure?.at ?? '') < (b.wonFailure?.at ?? '') ? 1 : -1));
  }, [db, userId]);
}

/** Home: sales of the user's that wait on a dealer — Mark as Won failed and was not retried with success yet. */
export function WonFailuresPanel({ userId }: { userId: string }) {
  const leads = useMyFailedPushes(userId);
  const openLead = useUiStore((state) => state.openLead);
  if (!leads || leads.length === 0) return null;
  return (
    <section className="home-won-failures" aria-label="Mark as Won failed">
      <h2>
        Mark as Won failed <span className="count">{leads.length}</span>
      </h2>
      <p className="muted">These sales wait on the dealer. Try Mark as Won again once the dealer&apos;s server is back (a manager can check it with Test Connection).</p>
      <ul>
        {leads.map((lead) => (
          <li key={lead.id}>
            <button type="button" className="link mono" onClick={() => openLead(lead.id)}>
              {lead.ref}
            </button>{' '}
            {lead.customer.name} · failed {formatWhen(lead.wonFailure?.at ?? lead.updatedAt)}
            <div className="won-failed-error">{lead.wonFailure?.error}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}

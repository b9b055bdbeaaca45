import type { Lead } from '../../../src-shared/contract/entities.schema';
import { createdTitle, formatAge, formatWait } from './lead-age';
import './open-leads.css';

/**
 * What the lead waits for, counted from its arrival: a claim (in Open Leads), then a first call (on its
 * holder's board). Once called it shows its plain age. The words say which wait it is, not only the colour;
 * the time moves with the window's shared minute clock (`now`), never a timer of its own.
 */
export type LeadWaitFor = 'claim' | 'call' | null;

export function LeadWait({ lead, now, waitingFor }: { lead: Pick<Lead, 'createdAt'>; now: Date; waitingFor: LeadWaitFor }) {
  if (waitingFor === 'claim' || waitingFor === 'call') {
    const wait = formatWait(lead.createdAt, now);
    return waitingFor === 'claim' ? (
      <span className="card-age" title={`${createdTitle(lead.createdAt)}; not claimed yet`}>
        Waiting {wait}
      </span>
    ) : (
      <span className="card-age card-wait-call" title={`${createdTitle(lead.createdAt)}; no call logged yet`}>
        No call yet · {wait}
      </span>
    );
  }
  return (
    <span className="card-age" title={createdTitle(lead.createdAt)}>
      {formatAge(lead.createdAt, now)}
    </span>
  );
}

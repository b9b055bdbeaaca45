import type { Lead } from '../../../src-shared/contract/entities.schema';
import type { ActivityState } from '../../../src-shared/domain/activity-state';
import { ActivityPill } from '../../ui/ActivityPill';
import { LeadWait } from './LeadWait';

/** The card's face, shared with the drag overlay. `awaitingCall`: open and no call logged yet (speed to lead). */
export function PipelineCardBody({ lead, now, activity, awaitingCall }: { lead: Lead; now: Date; activity: ActivityState | null; awaitingCall: boolean }) {
  return (
    <>
      <span className="card-line">
        <span className="card-ref mono">{lead.ref}</span>
        {activity && <ActivityPill state={activity} />}
      </span>
      <span className="card-customer">{lead.customer.name}</span>
      <span className="card-line card-meta">
        <span className="card-model">{lead.vehicleModel}</span>
        <LeadWait lead={lead} now={now} waitingFor={awaitingCall ? 'call' : null} />
      </span>
    </>
  );
}

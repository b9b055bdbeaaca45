import type { Lead } from '../../../src-shared/contract/entities.schema';
import type { ActivityState } from '../../../src-shared/domain/activity-state';
import { ActivityPill } from '../../ui/ActivityPill';
import { createdTitle, formatAge } from './lead-age';

/** The card's face, shared with the drag overlay. */
export function PipelineCardBody({ lead, now, activity }: { lead: Lead; now: Date; activity: ActivityState | null }) {
  return (
    <>
      <span className="card-line">
        <span className="card-ref mono">{lead.ref}</span>
        {activity && <ActivityPill state={activity} />}
      </span>
      <span className="card-customer">{lead.customer.name}</span>
      <span className="card-line card-meta">
        <span className="card-model">{lead.vehicleModel}</span>
        <span className="card-age" title={createdTitle(lead.createdAt)}>
          {formatAge(lead.createdAt, now)}
        </span>
      </span>
    </>
  );
}

import { memo } from 'react';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import { LeadWait } from './LeadWait';

interface OpenLeadCardProps {
  lead: Lead;
  now: Date;
  /** Waiting longer than the supervisor's threshold (floor view); agents never see it. */
  stale: boolean;
  onOpen: (leadId: string) => void;
}

/**
 * An unclaimed lead: who, what, where from, and how long it has waited since it arrived ("Waiting 12 min"). Its accessible name is
 * its visible text (what a speech-input user reads off the screen is what they can say).
 */
export const OpenLeadCard = memo(function OpenLeadCard({ lead, now, stale, onOpen }: OpenLeadCardProps) {
  return (
    <button
      type="button"
      className={stale ? 'card card-stale' : 'card'}
      data-lead-id={lead.id}
      onClick={() => onOpen(lead.id)}
    >
      <span className="card-line">
        <span className="card-ref mono">{lead.ref}</span>
        <LeadWait lead={lead} now={now} waitingFor="claim" />
      </span>
      <span className="card-line">
        <span className="card-customer">{lead.customer.name}</span>
        {stale && <span className="card-stale-tag">Stale</span>}
      </span>
      <span className="card-line card-meta">
        <span className="card-model">{lead.vehicleModel}</span>
        <span className="card-source">{lead.source}</span>
      </span>
    </button>
  );
});

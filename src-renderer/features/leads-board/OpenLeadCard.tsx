import { memo } from 'react';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import { formatAge } from './lead-age';

interface OpenLeadCardProps {
  lead: Lead;
  now: Date;
  onOpen: (leadId: string) => void;
}

/** An unclaimed lead: who, what, where from, and how long it has waited in Open Leads. */
export const OpenLeadCard = memo(function OpenLeadCard({ lead, now, onOpen }: OpenLeadCardProps) {
  const age = formatAge(lead.createdAt, now);
  return (
    <button type="button" className="card" data-lead-id={lead.id} onClick={() => onOpen(lead.id)} aria-label={`${lead.ref} ${lead.customer.name}, waiting ${age}`}>
      <span className="card-line">
        <span className="card-ref mono">{lead.ref}</span>
        <span className="card-age" title={`Created ${new Date(lead.createdAt).toLocaleString()}`}>
          {age}
        </span>
      </span>
      <span className="card-customer">{lead.customer.name}</span>
      <span className="card-line card-meta">
        <span className="card-model">{lead.vehicleModel}</span>
        <span className="card-source">{lead.source}</span>
      </span>
    </button>
  );
});

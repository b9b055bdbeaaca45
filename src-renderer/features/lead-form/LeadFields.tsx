import type { ReactNode } from 'react';
import type { Dealership, Lead, User } from '../../../src-shared/contract/entities.schema';
import { LOST_REASON_LABELS } from '../../../src-shared/domain/lost-reasons';
import type { Role } from '../../../src-shared/domain/roles';
import { formatWhen } from '../wizards/local-time';
import { AssignedAgentField } from './AssignedAgentField';

interface LeadFieldsProps {
  lead: Lead;
  dealership: Dealership | null;
  users: User[];
  role: Role;
  readOnly: boolean;
  /** Shown when the user may edit the lead (open, claimed, owner or supervisor/manager). */
  onEdit?: (() => void) | undefined;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="sheet-row">
      <dt>{label}</dt>
      <dd>{children ?? <span className="muted">—</span>}</dd>
    </div>
  );
}

/** The lead's sheet: customer, vehicle, where it came from, who works it, how it closed. */
export function LeadFields({ lead, dealership, users, role, readOnly, onEdit }: LeadFieldsProps) {
  const { customer } = lead;
  return (
    <div className="sheet">
      <section aria-label="Customer">
        <h3>
          Customer
          {onEdit && (
            <button type="button" className="link sheet-edit" onClick={onEdit}>
              Edit
            </button>
          )}
        </h3>
        <dl>
          <Row label="Name">{customer.name}</Row>
          <Row label="Phone">{customer.phone ? <span className="mono">{customer.phone}</span> : null}</Row>
          <Row label="E-mail">{customer.email ? <span title={customer.email}>{customer.email}</span> : null}</Row>
        </dl>
      </section>
      <section aria-label="Vehicle">
        <h3>Vehicle</h3>
        <dl>
          <Row label="Brand">{lead.brand}</Row>
          <Row label="Vehicle Model">{lead.vehicleModel}</Row>
          <Row label="Dealership">{lead.dealershipId === null ? <span className="warn-text">Not set</span> : (dealership?.name ?? '…')}</Row>
          <Row label="Dealer SO">{lead.dealerSoName ? <span className="mono so-name">{lead.dealerSoName}</span> : null}</Row>
        </dl>
      </section>
      <section aria-label="Assignment">
        <h3>Assignment</h3>
        <dl>
          <Row label="Assigned Agent">
            <AssignedAgentField lead={lead} users={users} role={role} readOnly={readOnly} />
          </Row>
          <Row label="Source">{lead.source}</Row>
          <Row label="Created">{formatWhen(lead.createdAt)}</Row>
          <Row label="Claimed">{lead.claimedAt ? formatWhen(lead.claimedAt) : null}</Row>
        </dl>
      </section>
      {(lead.lostReason || lead.lostNotes) && (
        <section aria-label="Lost" className="sheet-lost">
          <h3>Lost</h3>
          <dl>
            <Row label="Lost Reason">{lead.lostReason ? LOST_REASON_LABELS[lead.lostReason] : null}</Row>
            <Row label="Notes">{lead.lostNotes}</Row>
          </dl>
        </section>
      )}
    </div>
  );
}

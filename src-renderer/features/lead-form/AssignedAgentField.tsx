import { useState } from 'react';
import type { Lead, User } from '../../../src-shared/contract/entities.schema';
import { canReassign, type Role } from '../../../src-shared/domain/roles';
import { useUiStore } from '../../app/ui-store';
import { call, crm } from '../../bridge/crm';
import { errorText } from '../../ui/error-text';

const POOL = '';

/** Assigned Agent: read-only for agents; supervisors and managers reassign or return the lead to the pool. */
export function AssignedAgentField({ lead, users, role, readOnly }: { lead: Lead; users: User[]; role: Role; readOnly: boolean }) {
  const toast = useUiStore((state) => state.toast);
  const [saving, setSaving] = useState(false);
  const owner = users.find((user) => user.id === lead.userId);
  const ownerName = lead.userId === null ? 'Unassigned' : (owner?.name ?? '…');

  if (readOnly || !canReassign(role)) {
    return <span className={lead.userId === null ? 'muted' : undefined}>{ownerName}</span>;
  }

  async function assign(value: string) {
    const userId = value === POOL ? null : value;
    if (userId === lead.userId) return;
    setSaving(true);
    try {
      await call(crm().assignLead({ leadId: lead.id, userId, version: lead.version }));
      const name = users.find((user) => user.id === userId)?.name;
      toast('success', name ? `${lead.ref} is now assigned to ${name}` : `${lead.ref} is back in Open Leads`);
    } catch (error) {
      toast('error', errorText(error));
    } finally {
      setSaving(false);
    }
  }

  const active = users.filter((user) => user.active || user.id === lead.userId).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <select aria-label="Assigned Agent" value={lead.userId ?? POOL} disabled={saving} onChange={(event) => void assign(event.target.value)}>
      <option value={POOL}>— Unassigned (return to Open Leads) —</option>
      {active.map((user) => (
        <option key={user.id} value={user.id}>
          {user.name}
        </option>
      ))}
    </select>
  );
}

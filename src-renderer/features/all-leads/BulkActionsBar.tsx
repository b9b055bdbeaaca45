import { useState } from 'react';
import type { User } from '../../../src-shared/contract/entities.schema';
import type { BulkTarget } from './BulkAssignDialog';

interface BulkActionsBarProps {
  count: number;
  /** Active users only: the hub refuses to assign to a deactivated one. */
  assignees: User[];
  onAssign(target: BulkTarget): void;
  onClear(): void;
}

/** Shown while leads are selected: reassign them all to one agent, or return them to the pool. */
export function BulkActionsBar({ count, assignees, onAssign, onClear }: BulkActionsBarProps) {
  const [userId, setUserId] = useState('');
  const chosen = assignees.find((user) => user.id === userId);
  return (
    <div className="bulk-bar" role="toolbar" aria-label="Bulk actions">
      <strong>{count === 1 ? '1 lead selected' : `${count.toLocaleString()} leads selected`}</strong>
      <button type="button" className="link" onClick={onClear}>
        Clear selection
      </button>
      <span className="spacer" />
      <select value={userId} onChange={(event) => setUserId(event.target.value)} aria-label="Reassign to">
        <option value="">Reassign to…</option>
        {assignees.map((user) => (
          <option key={user.id} value={user.id}>
            {user.name}
          </option>
        ))}
      </select>
      <button type="button" className="primary" disabled={!chosen} onClick={() => chosen && onAssign({ userId: chosen.id, name: chosen.name })}>
        Bulk reassign
      </button>
      <button type="button" onClick={() => onAssign(null)}>
        Return to pool
      </button>
    </div>
  );
}

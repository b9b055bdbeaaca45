import { useState } from 'react';
import { useDraggable, useDroppable } from '@dnd-kit/core';
import type { PatchStageBody } from '../../../src-shared/contract/config.schema';
import { isOpenStage, type Stage } from '../../../src-shared/domain/stages';
import { call, crm } from '../../bridge/crm';
import { StageNameInput } from './StageNameInput';
import { errorText } from '../../ui/error-text';

export type DropSide = 'before' | 'after' | null;

interface StageRowProps {
  stage: Stage;
  isFirst: boolean;
  isLast: boolean;
  /** Leads of this stage in the replica (exact for open stages, a lower bound for won and lost ones). */
  leadCount: number;
  /** While a reorder waits for the hub no drag starts (a Move press then is ignored by the panel). */
  locked: boolean;
  dropSide: DropSide;
  onMove: (direction: -1 | 1) => void;
  onDelete: () => void;
}

function leadsText(stage: Stage, count: number): string {
  const leads = `${count.toLocaleString()} lead${count === 1 ? '' : 's'}`;
  return isOpenStage(stage) ? leads : `at least ${leads}`;
}

const CLOSED_UNCOUNTED = "This computer holds only some closed leads (your own, recent ones): the hub checks whether this stage holds any when you change its flags or delete it.";

/** One stage: drag handle, sequence, name (rename in place), won / lost / folded, move up / down, delete. */
export function StageRow({ stage, isFirst, isLast, leadCount, locked, dropSide, onMove, onDelete }: StageRowProps) {
  // The change being saved, shown at once; the stored stage takes over when the hub has answered.
  const [saving, setSaving] = useState<PatchStageBody | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = saving !== null;
  const drag = useDraggable({ id: stage.id, disabled: locked || busy });
  const drop = useDroppable({ id: stage.id });
  const holdsLeads = leadCount > 0;

  async function update(patch: PatchStageBody): Promise<boolean> {
    setSaving(patch);
    setError(null);
    try {
      await call(crm().updateStage({ id: stage.id, patch }));
      return true;
    } catch (failure) {
      // The hub's words as is (stage_in_use names the stage and how many leads it holds).
      setError(errorText(failure));
      return false;
    } finally {
      setSaving(null);
    }
  }
  const shown = { ...stage, ...saving };

  // Won and lost exclude each other: ticking one clears the other in the same change.
  const setWon = (isWon: boolean) => void update(isWon && stage.isLost ? { isWon, isLost: false } : { isWon });
  const setLost = (isLost: boolean) => void update(isLost && stage.isWon ? { isLost, isWon: false } : { isLost });
  const flagNote = holdsLeads ? `This stage holds ${leadsText(stage, leadCount)}: its Won and Lost flags are locked and it cannot be deleted.` : null;
  const countShown = holdsLeads ? leadsText(stage, leadCount) : isOpenStage(stage) ? 'no leads' : '—';

  const classes = ['stage-row', stage.isWon ? 'is-won' : '', stage.isLost ? 'is-lost' : '', drag.isDragging ? 'is-dragging' : '', dropSide ? `drop-${dropSide}` : ''];
  return (
    <li
      ref={(node) => {
        drag.setNodeRef(node);
        drop.setNodeRef(node);
      }}
      className={classes.filter(Boolean).join(' ')}
      aria-label={stage.name}
      aria-busy={busy}
      data-stage-id={stage.id}
    >
      <div className="stage-line">
        {/* Pointer only: the keyboard moves a stage with the Move up / Move down buttons. */}
        <span ref={drag.setActivatorNodeRef} className="drag-handle" aria-hidden="true" title="Drag to reorder" {...drag.listeners}>
          ⠿
        </span>
        <span className="stage-seq" title="Sequence">
          {stage.sequence}
        </span>
        <StageNameInput name={stage.name} disabled={busy} onRename={(name) => update({ name })} onInvalid={setError} />
        <label className="check">
          <input type="checkbox" checked={shown.isWon} disabled={busy || holdsLeads} onChange={(event) => setWon(event.target.checked)} />
          Won
        </label>
        <label className="check">
          <input type="checkbox" checked={shown.isLost} disabled={busy || holdsLeads} onChange={(event) => setLost(event.target.checked)} />
          Lost
        </label>
        <label className="check">
          <input type="checkbox" checked={shown.folded} disabled={busy} onChange={(event) => void update({ folded: event.target.checked })} />
          Folded
        </label>
        <span className="stage-leads" title={isOpenStage(stage) ? undefined : CLOSED_UNCOUNTED}>
          {countShown}
        </span>
        <span className="stage-actions">
          <button type="button" className="icon" data-move="-1" aria-label={`Move ${stage.name} up`} title="Move up" disabled={isFirst} onClick={() => onMove(-1)}>
            ↑
          </button>
          <button type="button" className="icon" data-move="1" aria-label={`Move ${stage.name} down`} title="Move down" disabled={isLast} onClick={() => onMove(1)}>
            ↓
          </button>
          <button type="button" className="danger-outline" disabled={busy || holdsLeads} title={holdsLeads ? 'A stage holding leads cannot be deleted' : undefined} onClick={onDelete}>
            Delete
          </button>
        </span>
      </div>
      {flagNote && <p className="stage-note">{flagNote}</p>}
      {error && (
        <p className="stage-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

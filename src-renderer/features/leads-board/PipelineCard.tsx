import { memo, type KeyboardEvent } from 'react';
import { useDraggable } from '@dnd-kit/core';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import type { ActivityState } from '../../../src-shared/domain/activity-state';
import { PipelineCardBody } from './PipelineCardBody';

interface PipelineCardProps {
  lead: Lead;
  now: Date;
  activity: ActivityState | null;
  busy: boolean;
  onOpen: (leadId: string) => void;
  /** Ctrl+→ / Ctrl+←: the keyboard alternative to dragging one column over. */
  onStep: (lead: Lead, direction: 1 | -1) => void;
}

/** One of the user's leads: draggable to another stage, Enter opens it, Ctrl+→ advances it. */
export const PipelineCard = memo(function PipelineCard({ lead, now, activity, busy, onOpen, onStep }: PipelineCardProps) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: lead.id, disabled: busy });
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.ctrlKey && (event.key === 'ArrowRight' || event.key === 'ArrowLeft')) {
      event.preventDefault();
      onStep(lead, event.key === 'ArrowRight' ? 1 : -1);
    } else if (event.key === 'Enter') {
      onOpen(lead.id);
    }
  };
  return (
    <div
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      aria-roledescription="lead card"
      aria-label={`${lead.ref} ${lead.customer.name}`}
      aria-busy={busy}
      className={`card card-draggable${isDragging ? ' is-dragging' : ''}${busy ? ' is-busy' : ''}`}
      data-lead-id={lead.id}
      onClick={() => onOpen(lead.id)}
      onKeyDown={onKeyDown}
    >
      <PipelineCardBody lead={lead} now={now} activity={activity} />
    </div>
  );
});

import { memo, type KeyboardEvent } from 'react';
import { useDraggable } from '@dnd-kit/core';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import type { ActivityState } from '../../../src-shared/domain/activity-state';
import { PipelineCardBody } from './PipelineCardBody';

interface PipelineCardProps {
  lead: Lead;
  now: Date;
  activity: ActivityState | null;
  /** Open, and no call logged on it yet: the card counts the time since arrival. */
  awaitingCall: boolean;
  busy: boolean;
  /** Picked up with Space (the keyboard's drag). */
  picked: boolean;
  onOpen: (leadId: string) => void;
  /** Enter, Space, arrows, Escape: the board's keyboard move (useKeyboardMove). */
  onKey: (lead: Lead, event: KeyboardEvent) => void;
  /** Leaving a picked-up card puts it down where it was. */
  onLeave: (lead: Lead) => void;
}

/**
 * One of the user's leads: draggable to another stage, or moved with the keys the board's instructions
 * describe (dnd-kit points aria-describedby at them). Its accessible name is its visible text.
 */
export const PipelineCard = memo(function PipelineCard({ lead, now, activity, awaitingCall, busy, picked, onOpen, onKey, onLeave }: PipelineCardProps) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: lead.id, disabled: busy });
  return (
    <div
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      aria-roledescription="lead card"
      aria-pressed={picked || isDragging}
      aria-busy={busy}
      className={`card card-draggable${isDragging ? ' is-dragging' : ''}${busy ? ' is-busy' : ''}${picked ? ' is-picked' : ''}`}
      data-lead-id={lead.id}
      onClick={() => onOpen(lead.id)}
      onKeyDown={(event) => onKey(lead, event)}
      onBlur={() => picked && onLeave(lead)}
    >
      <PipelineCardBody lead={lead} now={now} activity={activity} awaitingCall={awaitingCall} />
    </div>
  );
});

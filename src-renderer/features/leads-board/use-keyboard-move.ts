import { useCallback, useState, type KeyboardEvent } from 'react';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import type { Stage } from '../../../src-shared/domain/stages';
import { checkTransition } from '../../../src-shared/domain/transitions';

/** A card picked up with Space: the stage it would be dropped on (moved with ← and →). */
export interface PickedCard {
  leadId: string;
  fromStageId: string;
  overStageId: string;
}

/** Read by screen readers through aria-describedby on every card: what the keys below do. */
export const CARD_KEYS_HELP =
  'Press Space to pick up this lead, then ← or → to choose a stage, and Space again to drop it there; Escape cancels. Ctrl+→ moves it to the next stage at once. Enter opens it.';

interface KeyboardMoveOptions {
  stages: readonly Stage[];
  /** The stage the card shows now (a pending move counts). */
  stageOf: (lead: Lead) => string;
  moveTo: (lead: Lead, stageId: string) => void;
  open: (leadId: string) => void;
  announce: (text: string) => void;
}

/**
 * The keyboard's drag and drop on My Pipeline: Space picks the focused card up, ← and → choose the stage
 * (each one announced, with whether the pipeline rule lets it land there), Space or Enter drops it, Escape
 * cancels; Ctrl+→ / Ctrl+← move it one stage at once. Enter opens a card that is not picked up.
 */
export function useKeyboardMove({ stages, stageOf, moveTo, open, announce }: KeyboardMoveOptions) {
  const [picked, setPicked] = useState<PickedCard | null>(null);
  const nameOf = useCallback((stageId: string) => stages.find((stage) => stage.id === stageId)?.name ?? 'an unknown stage', [stages]);

  const neighbour = useCallback(
    (stageId: string, direction: 1 | -1): Stage | undefined => stages[stages.findIndex((stage) => stage.id === stageId) + direction],
    [stages],
  );

  const describeOver = useCallback(
    (lead: Lead, fromStageId: string, overStageId: string): string => {
      if (overStageId === fromStageId) return `${lead.ref} over ${nameOf(overStageId)}, where it is now.`;
      const check = checkTransition(stages, fromStageId, overStageId);
      return check.ok ? `${lead.ref} over ${nameOf(overStageId)}: it can be dropped here.` : `${lead.ref} over ${nameOf(overStageId)}: not allowed. ${check.message}`;
    },
    [stages, nameOf],
  );

  const cancel = useCallback(() => {
    if (!picked) return;
    setPicked(null);
    announce(`Move cancelled. It stays in ${nameOf(picked.fromStageId)}.`);
  }, [picked, announce, nameOf]);

  const onCardKey = useCallback(
    (lead: Lead, event: KeyboardEvent) => {
      const from = stageOf(lead);
      const holding = picked?.leadId === lead.id ? picked : null;
      const arrow = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (event.ctrlKey && arrow !== 0) {
        event.preventDefault();
        const target = neighbour(from, arrow);
        if (target) moveTo(lead, target.id);
        else announce(`${lead.ref} is already in the ${arrow === 1 ? 'last' : 'first'} stage.`);
        return;
      }
      if (holding) {
        if (arrow !== 0) {
          event.preventDefault();
          const target = neighbour(holding.overStageId, arrow);
          if (!target) return announce(`No stage further ${arrow === 1 ? 'right' : 'left'}. ${describeOver(lead, from, holding.overStageId)}`);
          setPicked({ ...holding, overStageId: target.id });
          announce(describeOver(lead, from, target.id));
        } else if (event.key === ' ' || event.key === 'Enter') {
          event.preventDefault();
          setPicked(null);
          if (holding.overStageId === from) announce(`${lead.ref} dropped where it was, in ${nameOf(from)}.`);
          else moveTo(lead, holding.overStageId);
        } else if (event.key === 'Escape') {
          event.preventDefault();
          // The Escape that cancels a move does not also close anything else (the shell listens on window).
          event.stopPropagation();
          cancel();
        }
        return;
      }
      if (event.key === ' ') {
        event.preventDefault();
        setPicked({ leadId: lead.id, fromStageId: from, overStageId: from });
        announce(`Picked up ${lead.ref} in ${nameOf(from)}. Use ← and → to choose a stage, Space to drop it, Escape to cancel.`);
      } else if (event.key === 'Enter') {
        open(lead.id);
      }
    },
    [picked, stageOf, neighbour, moveTo, announce, describeOver, nameOf, cancel, open],
  );

  return { picked, onCardKey, cancel };
}

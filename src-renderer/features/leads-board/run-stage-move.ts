import type { Lead } from '../../../src-shared/contract/entities.schema';
import type { Stage } from '../../../src-shared/domain/stages';
import { checkTransition } from '../../../src-shared/domain/transitions';
import { call, crm } from '../../bridge/crm';
import { errorText } from '../../ui/error-text';

type Toast = (kind: 'error', text: string) => void;

/** What a screen does at each turn of a stage move; the order and the rule are the same everywhere. */
export interface StageMoveSteps {
  won: () => void | Promise<void>;
  lost: () => void;
  /** Just before an advance goes to the hub (a board shows the card in its new column at once). */
  advancing?: (toStageId: string) => void;
  /** After the hub answered an advance: the moved lead, or null when it refused (already toasted). */
  advanced?: (moved: Lead | null) => void;
}

/** How a move ended, for the board to announce: its new stage, the refusal, or handed to the Won/Lost flow. */
export type StageMoveOutcome = { kind: 'moved'; stageId: string } | { kind: 'refused'; message: string } | { kind: 'won' } | { kind: 'lost' } | { kind: 'unchanged' };

/**
 * One flow for the board's drag and keys and the form's statusbar: the shared rule decides first (a refusal
 * shows its verbatim text and never reaches the hub); Won and Lost go to the screen's own flow; an advance
 * goes to the hub, whose refusal is shown as is.
 */
export async function runStageMove(stages: readonly Stage[], lead: Lead, toStageId: string, toast: Toast, steps: StageMoveSteps): Promise<StageMoveOutcome> {
  if (lead.stageId === toStageId) return { kind: 'unchanged' };
  const check = checkTransition(stages, lead.stageId, toStageId);
  if (!check.ok) {
    toast('error', check.message);
    return { kind: 'refused', message: check.message };
  }
  if (check.kind === 'won') {
    await steps.won();
    return { kind: 'won' };
  }
  if (check.kind === 'lost') {
    steps.lost();
    return { kind: 'lost' };
  }
  steps.advancing?.(check.to.id);
  try {
    const moved = await call(crm().moveStage({ leadId: lead.id, stageId: check.to.id, version: lead.version }));
    steps.advanced?.(moved);
    return { kind: 'moved', stageId: moved.stageId };
  } catch (error) {
    steps.advanced?.(null);
    const message = errorText(error);
    toast('error', message);
    return { kind: 'refused', message };
  }
}

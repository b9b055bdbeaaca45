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

/**
 * One flow for the board's drag and keys and the form's statusbar: the shared rule decides first (a refusal
 * shows its verbatim text and never reaches the hub); Won and Lost go to the screen's own flow; an advance
 * goes to the hub, whose refusal is shown as is.
 */
export async function runStageMove(stages: readonly Stage[], lead: Lead, toStageId: string, toast: Toast, steps: StageMoveSteps): Promise<void> {
  if (lead.stageId === toStageId) return;
  const check = checkTransition(stages, lead.stageId, toStageId);
  if (!check.ok) return toast('error', check.message);
  if (check.kind === 'won') return steps.won();
  if (check.kind === 'lost') return steps.lost();
  steps.advancing?.(check.to.id);
  try {
    const moved = await call(crm().moveStage({ leadId: lead.id, stageId: check.to.id, version: lead.version }));
    steps.advanced?.(moved);
  } catch (error) {
    steps.advanced?.(null);
    toast('error', errorText(error));
  }
}

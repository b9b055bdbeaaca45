import { useCallback, useState } from 'react';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import type { Stage } from '../../../src-shared/domain/stages';
import { call, crm } from '../../bridge/crm';
import { useUiStore } from '../../app/ui-store';
import { errorText } from '../../ui/error-text';
import { runStageMove, type StageMoveOutcome } from './run-stage-move';

/** A move on its way to the hub (`busy`), or done and not yet seen in the replica (until `version`). */
export interface PendingMove {
  stageId: string;
  busy: boolean;
  version: number | null;
}

/** The stage a card shows: a pending move wins until the replica holds the lead's newer version. */
export function shownStageId(lead: Pick<Lead, 'id' | 'stageId' | 'version'>, pending: ReadonlyMap<string, PendingMove>): string {
  const move = pending.get(lead.id);
  return move && (move.version === null || lead.version < move.version) ? move.stageId : lead.stageId;
}

/**
 * Drag and keyboard moves on a board (runStageMove's flow): Won runs the Won flow on the card; Lost opens the
 * lead form with the Lost wizard already open, asking for the reason.
 */
export function useStageMove(stages: readonly Stage[]) {
  const toast = useUiStore((state) => state.toast);
  const openLead = useUiStore((state) => state.openLead);
  const [pending, setPending] = useState<ReadonlyMap<string, PendingMove>>(new Map());

  const put = useCallback((leadId: string, move: PendingMove | null) => {
    setPending((previous) => {
      const next = new Map(previous);
      if (move) next.set(leadId, move);
      else next.delete(leadId);
      return next;
    });
  }, []);

  const move = useCallback(
    (lead: Lead, toStageId: string): Promise<StageMoveOutcome> =>
      runStageMove(stages, lead, toStageId, toast, {
        lost: () => {
          openLead(lead.id, 'mark_lost');
          toast('info', `Choose a lost reason to close ${lead.ref} as Lost.`);
        },
        won: async () => {
          put(lead.id, { stageId: lead.stageId, busy: true, version: null });
          try {
            const result = await call(crm().markWon({ leadId: lead.id }));
            put(lead.id, { stageId: result.lead.stageId, busy: false, version: result.lead.version });
            toast('success', result.toast);
          } catch (error) {
            put(lead.id, null);
            toast('error', errorText(error));
          }
        },
        // An advance shows at once in its new column and goes back if the hub refuses.
        advancing: (stageId) => put(lead.id, { stageId, busy: true, version: null }),
        advanced: (moved) => put(lead.id, moved ? { stageId: moved.stageId, busy: false, version: moved.version } : null),
      }),
    [stages, toast, openLead, put],
  );

  return { move, pending };
}

import { useCallback, useState } from 'react';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import type { Stage } from '../../../src-shared/domain/stages';
import { checkTransition } from '../../../src-shared/domain/transitions';
import { call, crm } from '../../bridge/crm';
import { useUiStore } from '../../app/ui-store';

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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * One path for drag and keyboard: the shared rule decides first (a refusal shows its verbatim text and
 * never reaches the hub); an advance goes to the hub; Won runs the Won flow; Lost opens the lead form with
 * the Lost wizard already open, asking for the reason. The hub's own refusal is shown as is.
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
    async (lead: Lead, toStageId: string): Promise<void> => {
      if (lead.stageId === toStageId) return;
      const check = checkTransition(stages, lead.stageId, toStageId);
      if (!check.ok) {
        toast('error', check.message);
        return;
      }
      if (check.kind === 'lost') {
        openLead(lead.id, 'mark_lost');
        toast('info', `Choose a lost reason to close ${lead.ref} as Lost.`);
        return;
      }
      if (check.kind === 'won') {
        put(lead.id, { stageId: lead.stageId, busy: true, version: null });
        try {
          const result = await call(crm().markWon({ leadId: lead.id }));
          put(lead.id, { stageId: result.lead.stageId, busy: false, version: result.lead.version });
          toast('success', result.toast);
        } catch (error) {
          put(lead.id, null);
          toast('error', messageOf(error));
        }
        return;
      }
      // An advance shows at once in its new column and goes back if the hub refuses.
      put(lead.id, { stageId: check.to.id, busy: true, version: null });
      try {
        const moved = await call(crm().moveStage({ leadId: lead.id, stageId: check.to.id, version: lead.version }));
        put(lead.id, { stageId: moved.stageId, busy: false, version: moved.version });
      } catch (error) {
        put(lead.id, null);
        toast('error', messageOf(error));
      }
    },
    [stages, toast, openLead, put],
  );

  return { move, pending };
}

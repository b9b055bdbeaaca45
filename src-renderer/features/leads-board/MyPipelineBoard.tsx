import { useCallback, useEffect, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { DndContext, DragOverlay, PointerSensor, useSensor, useSensors, type DragEndEvent, type DragStartEvent } from '@dnd-kit/core';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import { leadActivityState } from '../../../src-shared/domain/activity-state';
import { isOnMyPipeline, type Actor } from '../../../src-shared/domain/lead-access';
import { sortStages } from '../../../src-shared/domain/stages';
import { checkTransition } from '../../../src-shared/domain/transitions';
import { useReplica } from '../../app/ReplicaProvider';
import { useUiStore } from '../../app/ui-store';
import { useNow } from '../../ui/use-now';
import { BoardToolbar } from './BoardToolbar';
import { PipelineCard } from './PipelineCard';
import { PipelineCardBody } from './PipelineCardBody';
import { PipelineColumn, type DropHint } from './PipelineColumn';
import { groupBy, sortByCreated } from './board-filters';
import { shownStageId, useStageMove } from './use-stage-move';

/** "Today" for the activity pill is the workstation's day. */
const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The user's own leads by stage; drag (or Ctrl+→) to advance, under the same rule the hub enforces. */
export function MyPipelineBoard({ actor }: { actor: Actor }) {
  const { db } = useReplica();
  const openLead = useUiStore((state) => state.openLead);
  const now = useNow();
  const stageRows = useLiveQuery(() => db.stages.toArray(), [db]);
  const leads = useLiveQuery(() => db.leads.where('userId').equals(actor.id).toArray(), [db, actor.id]);
  const activities = useLiveQuery(() => db.activities.filter((activity) => !activity.done).toArray(), [db]);
  const stages = useMemo(() => sortStages(stageRows ?? []), [stageRows]);
  const { move, pending } = useStageMove(stages);
  const [unfolded, setUnfolded] = useState<ReadonlySet<string>>(new Set());
  const [dragged, setDragged] = useState<Lead | null>(null);
  const [focusAfterMove, setFocusAfterMove] = useState<string | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }));

  const mine = useMemo(() => sortByCreated((leads ?? []).filter((lead) => isOnMyPipeline(actor, lead)), 'oldest'), [leads, actor.id, actor.role]);
  const byId = useMemo(() => new Map(mine.map((lead) => [lead.id, lead])), [mine]);
  const byStage = useMemo(() => groupBy(mine, (lead) => shownStageId(lead, pending)), [mine, pending]);
  const pills = useMemo(() => {
    const byLead = groupBy(activities ?? [], (activity) => activity.leadId);
    return new Map(mine.map((lead) => [lead.id, leadActivityState(byLead.get(lead.id) ?? [], now, TIME_ZONE)]));
  }, [activities, mine, now]);

  const moveTo = useCallback(
    (lead: Lead, stageId: string) => {
      if (pending.get(lead.id)?.busy) return;
      void move({ ...lead, stageId: shownStageId(lead, pending) }, stageId);
    },
    [move, pending],
  );

  const onStep = useCallback(
    (lead: Lead, direction: 1 | -1) => {
      const index = stages.findIndex((stage) => stage.id === shownStageId(lead, pending));
      const target = stages[index + direction];
      if (index < 0 || !target) return;
      setFocusAfterMove(lead.id);
      moveTo(lead, target.id);
    },
    [stages, pending, moveTo],
  );

  // The card re-renders in its new column; keep the keyboard user's focus on it.
  useEffect(() => {
    if (!focusAfterMove) return;
    const card = [...document.querySelectorAll<HTMLElement>('.card[data-lead-id]')].find((element) => element.dataset.leadId === focusAfterMove);
    if (card && document.activeElement !== card) card.focus();
  }, [focusAfterMove, byStage]);

  const onOpen = useCallback((leadId: string) => openLead(leadId), [openLead]);
  const onDragStart = (event: DragStartEvent) => setDragged(byId.get(String(event.active.id)) ?? null);
  const onDragEnd = (event: DragEndEvent) => {
    setDragged(null);
    const lead = byId.get(String(event.active.id));
    if (lead && event.over) moveTo(lead, String(event.over.id));
  };
  const hintFor = (stageId: string): DropHint => {
    if (!dragged) return null;
    const from = shownStageId(dragged, pending);
    if (from === stageId) return null;
    return checkTransition(stages, from, stageId).ok ? 'allowed' : 'refused';
  };

  return (
    <section className="board" aria-label="My Pipeline">
      <BoardToolbar title="My Pipeline" count={mine.length}>
        <span className="board-hint">Drag a card to the next stage, or focus it and press Ctrl+→</span>
      </BoardToolbar>
      {leads === undefined || stageRows === undefined ? (
        <p className="board-loading">Loading…</p>
      ) : (
        <DndContext sensors={sensors} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setDragged(null)}>
          <div className="board-columns">
            {stages.map((stage) => (
              <PipelineColumn
                key={stage.id}
                stage={stage}
                leads={byStage.get(stage.id) ?? []}
                hint={hintFor(stage.id)}
                folded={stage.folded && !unfolded.has(stage.id)}
                onToggleFold={() =>
                  setUnfolded((previous) => {
                    const next = new Set(previous);
                    if (next.has(stage.id)) next.delete(stage.id);
                    else next.add(stage.id);
                    return next;
                  })
                }
                renderCard={(lead) => (
                  <PipelineCard lead={lead} now={now} activity={pills.get(lead.id) ?? null} busy={pending.get(lead.id)?.busy ?? false} onOpen={onOpen} onStep={onStep} />
                )}
              />
            ))}
          </div>
          <DragOverlay>
            {dragged && (
              <div className="card card-overlay">
                <PipelineCardBody lead={dragged} now={now} activity={pills.get(dragged.id) ?? null} />
              </div>
            )}
          </DragOverlay>
        </DndContext>
      )}
    </section>
  );
}

import { useCallback, useEffect, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { DndContext, DragOverlay, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent, type DragStartEvent } from '@dnd-kit/core';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import { leadActivityState } from '../../../src-shared/domain/activity-state';
import { isOnMyPipeline, type Actor } from '../../../src-shared/domain/lead-access';
import { isOpenStage, sortStages } from '../../../src-shared/domain/stages';
import { checkTransition } from '../../../src-shared/domain/transitions';
import { useReplica } from '../../app/ReplicaProvider';
import { useUiStore } from '../../app/ui-store';
import { FOCUS_ANCHOR } from '../../ui/focus';
import { useNow } from '../../ui/use-now';
import { BoardToolbar } from './BoardToolbar';
import { PipelineCard } from './PipelineCard';
import { PipelineCardBody } from './PipelineCardBody';
import { PipelineColumn, type DropHint } from './PipelineColumn';
import { groupBy } from '../../../src-shared/group-by';
import { sortByCreated } from './board-filters';
import { shownStageId, useStageMove } from './use-stage-move';
import { CARD_KEYS_HELP, useKeyboardMove } from './use-keyboard-move';
import { useCalledLeadIds } from './use-called-leads';
import { useOpenActivitiesOf } from './use-lead-activities';
import { readLeads } from '../../db/lead-store';

/** "Today" for the activity pill is the workstation's day. */
const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The user's own leads by stage; drag, Ctrl+→, or Space–arrows–Space to advance, under the same rule the hub
 * enforces; each move is announced in the board's live region.
 */
export function MyPipelineBoard({ actor }: { actor: Actor }) {
  const { db } = useReplica();
  const openLead = useUiStore((state) => state.openLead);
  const now = useNow();
  const stageRows = useLiveQuery(() => db.stages.toArray(), [db]);
  const leads = useLiveQuery(async () => (await readLeads(db)).ofUser(actor.id), [db, actor.id]);
  const stages = useMemo(() => sortStages(stageRows ?? []), [stageRows]);
  const { move, pending } = useStageMove(stages);
  const [unfolded, setUnfolded] = useState<ReadonlySet<string>>(new Set());
  const [dragged, setDragged] = useState<Lead | null>(null);
  const [focusAfterMove, setFocusAfterMove] = useState<string | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }));

  const mine = useMemo(() => sortByCreated((leads ?? []).filter((lead) => isOnMyPipeline(actor, lead)), 'oldest'), [leads, actor.id, actor.role]);
  const mineIds = useMemo(() => mine.map((lead) => lead.id), [mine]);
  const loaded = leads !== undefined && stageRows !== undefined;
  const activities = useOpenActivitiesOf(db, loaded ? mineIds : undefined);
  const byId = useMemo(() => new Map(mine.map((lead) => [lead.id, lead])), [mine]);
  const byStage = useMemo(() => groupBy(mine, (lead) => shownStageId(lead, pending)), [mine, pending]);
  // Speed to lead: an open lead its holder has not called yet counts the time since its arrival.
  const openIds = useMemo(() => {
    const open = new Set(stages.filter(isOpenStage).map((stage) => stage.id));
    return mine.filter((lead) => open.has(lead.stageId)).map((lead) => lead.id);
  }, [mine, stages]);
  const called = useCalledLeadIds(db, loaded ? openIds : undefined);
  const awaitingCall = useMemo(() => {
    const open = new Set(openIds);
    return (leadId: string) => called !== undefined && !called.has(leadId) && open.has(leadId);
  }, [called, openIds]);
  const pills = useMemo(() => {
    const byLead = groupBy(activities ?? [], (activity) => activity.leadId);
    return new Map(mine.map((lead) => [lead.id, leadActivityState(byLead.get(lead.id) ?? [], now, TIME_ZONE)]));
  }, [activities, mine, now]);

  const [announcement, setAnnouncement] = useState('');
  const nameOf = useCallback((stageId: string) => stages.find((stage) => stage.id === stageId)?.name ?? 'an unknown stage', [stages]);
  const stageOf = useCallback((lead: Lead) => shownStageId(lead, pending), [pending]);

  // Every move, by pointer or key, is said in the board's live region: where it goes, then where it landed.
  const moveTo = useCallback(
    (lead: Lead, stageId: string) => {
      if (pending.get(lead.id)?.busy) return setAnnouncement(`${lead.ref} is still moving. Try again in a moment.`);
      const from = shownStageId(lead, pending);
      const check = checkTransition(stages, from, stageId);
      if (check.ok && document.activeElement?.closest<HTMLElement>('[data-lead-id]')?.dataset.leadId === lead.id) setFocusAfterMove(lead.id);
      setAnnouncement(!check.ok ? '' : check.kind === 'won' ? `Marking ${lead.ref} as Won…` : check.kind === 'lost' ? `${lead.ref}: choose a lost reason to close it as Lost.` : `Moving ${lead.ref} to ${nameOf(stageId)}…`);
      void move({ ...lead, stageId: from }, stageId).then((outcome) => {
        if (outcome.kind === 'moved') setAnnouncement(`${lead.ref} moved to ${nameOf(outcome.stageId)}.`);
        // The reason is in the error toast, which is read out too.
        else if (outcome.kind === 'refused') setAnnouncement(`${lead.ref} not moved. It stays in ${nameOf(from)}.`);
      });
    },
    [move, pending, stages, nameOf],
  );

  const onOpen = useCallback((leadId: string) => openLead(leadId), [openLead]);
  const { picked, onCardKey, cancel } = useKeyboardMove({ stages, stageOf, moveTo, open: onOpen, announce: setAnnouncement });

  // The card re-renders in its new column (and back, if the hub refuses): the keyboard user's focus follows it,
  // unless they have gone on to another control meanwhile.
  useEffect(() => {
    if (!focusAfterMove) return;
    const card = [...document.querySelectorAll<HTMLElement>('.card[data-lead-id]')].find((element) => element.dataset.leadId === focusAfterMove);
    const active = document.activeElement;
    const focusLost = !active || active === document.body || active.hasAttribute(FOCUS_ANCHOR);
    if (card && focusLost) card.focus();
  }, [focusAfterMove, byStage]);

  const onDragStart = (event: DragStartEvent) => setDragged(byId.get(String(event.active.id)) ?? null);
  const onDragEnd = (event: DragEndEvent) => {
    setDragged(null);
    const lead = byId.get(String(event.active.id));
    if (lead && event.over) moveTo(lead, String(event.over.id));
  };
  const pickedLead = picked ? (byId.get(picked.leadId) ?? null) : null;
  const hintFor = (stageId: string): DropHint => {
    const moving = dragged ?? pickedLead;
    if (!moving) return null;
    const from = shownStageId(moving, pending);
    if (from === stageId) return null;
    return checkTransition(stages, from, stageId).ok ? 'allowed' : 'refused';
  };
  const refOf = (id: string | number) => byId.get(String(id))?.ref ?? 'The lead';
  // dnd-kit reads these out during a pointer drag: the lead and the stage by name, not by their ids.
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${refOf(active.id)}.`,
    onDragOver: ({ active, over }) => (over ? `${refOf(active.id)} over ${nameOf(String(over.id))}.` : `${refOf(active.id)} is not over a stage.`),
    onDragEnd: ({ active, over }) => (over ? `${refOf(active.id)} dropped on ${nameOf(String(over.id))}.` : `${refOf(active.id)} put back.`),
    onDragCancel: ({ active }) => `Dragging ${refOf(active.id)} was cancelled.`,
  };

  return (
    // Busy until every read is in: the cards, then their activity pills and speed-to-lead marks.
    <section className="board" aria-label="My Pipeline" aria-busy={!loaded || activities === undefined || called === undefined}>
      <BoardToolbar title="My Pipeline" count={mine.length}>
        <span className="board-hint">Drag a card to the next stage, or focus it and press Ctrl+→ (Space picks it up)</span>
      </BoardToolbar>
      <p className="sr-only" role="status" aria-label="Board moves">
        {announcement}
      </p>
      {leads === undefined || stageRows === undefined ? (
        <p className="board-loading">Loading…</p>
      ) : (
        <DndContext
          sensors={sensors}
          onDragStart={onDragStart}
          onDragEnd={onDragEnd}
          onDragCancel={() => setDragged(null)}
          accessibility={{ screenReaderInstructions: { draggable: CARD_KEYS_HELP }, announcements }}
        >
          <div className="board-columns">
            {stages.map((stage) => (
              <PipelineColumn
                key={stage.id}
                stage={stage}
                leads={byStage.get(stage.id) ?? []}
                hint={hintFor(stage.id)}
                keyboardOver={picked?.overStageId === stage.id}
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
                  <PipelineCard
                    lead={lead}
                    now={now}
                    activity={pills.get(lead.id) ?? null}
                    awaitingCall={awaitingCall(lead.id)}
                    busy={pending.get(lead.id)?.busy ?? false}
                    picked={picked?.leadId === lead.id}
                    onOpen={onOpen}
                    onKey={onCardKey}
                    onLeave={cancel}
                  />
                )}
              />
            ))}
          </div>
          <DragOverlay>
            {dragged && (
              <div className="card card-overlay">
                <PipelineCardBody lead={dragged} now={now} activity={pills.get(dragged.id) ?? null} awaitingCall={awaitingCall(dragged.id)} />
              </div>
            )}
          </DragOverlay>
        </DndContext>
      )}
    </section>
  );
}

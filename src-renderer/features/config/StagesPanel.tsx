import { useEffect, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { DndContext, DragOverlay, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { sortStages, type Stage } from '../../../src-shared/domain/stages';
import { useReplica } from '../../app/ReplicaProvider';
import { useUiStore } from '../../app/ui-store';
import { call, crm } from '../../bridge/crm';
import { AddStageForm } from './AddStageForm';
import { ConfirmDialog } from './ConfirmDialog';
import { StageRow, type DropSide } from './StageRow';
import { errorText } from '../../ui/error-text';
import { inOrder, moveId, sameOrder } from './stage-order';
import { useStageLeadCounts } from './use-stage-lead-counts';

/** The documents' phrase ("No won stage configured") first, then what it means for the floor. */
export const NO_WON_STAGE_WARNING = 'No won stage configured — Mark as Won fails until a stage is marked Won.';

/** Stages by sequence: drag or Move up / down to reorder, rename in place, flags, add, delete. */
export function StagesPanel() {
  const { db } = useReplica();
  const toast = useUiStore((state) => state.toast);
  const rows = useLiveQuery(() => db.stages.toArray(), [db]);
  const counts = useStageLeadCounts(db);
  const sorted = useMemo(() => sortStages(rows ?? []), [rows]);
  // The order as dragged, shown until the hub has renumbered the stages (and the replica has them).
  const [pending, setPending] = useState<string[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Stage | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }));
  // The Move button pressed last: its row moves, and the browser drops the focus of a moved element.
  const [refocus, setRefocus] = useState<{ id: string; direction: -1 | 1 } | null>(null);
  const list = useRef<HTMLOListElement>(null);

  const stages = inOrder(sorted, pending);
  const ids = stages.map((stage) => stage.id);
  const wonCount = sorted.filter((stage) => stage.isWon).length;

  async function reorder(next: string[]) {
    if (pending || sameOrder(next, ids)) return;
    setPending(next);
    setFailure(null);
    try {
      await call(crm().reorderStages({ stageIds: next }));
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setPending(null);
    }
  }

  const order = ids.join(' ');
  useEffect(() => {
    if (!refocus) return;
    const row = [...(list.current?.children ?? [])].find((item) => (item as HTMLElement).dataset['stageId'] === refocus.id);
    const wanted = row?.querySelector<HTMLButtonElement>(`button[data-move="${refocus.direction}"]`);
    // At the top or bottom the pressed button is disabled: the other one keeps the keyboard in the row.
    const target = wanted && !wanted.disabled ? wanted : row?.querySelector<HTMLButtonElement>(`button[data-move="${-refocus.direction}"]`);
    if (target && document.activeElement !== target) target.focus();
  }, [refocus, order]);

  const onDragEnd = (event: DragEndEvent) => {
    setDragging(null);
    setOver(null);
    if (event.over) void reorder(moveId(ids, String(event.active.id), ids.indexOf(String(event.over.id))));
  };
  const dropSide = (id: string): DropSide => {
    if (!dragging || over !== id || id === dragging) return null;
    return ids.indexOf(id) < ids.indexOf(dragging) ? 'before' : 'after';
  };
  const draggedStage = stages.find((stage) => stage.id === dragging);

  if (rows === undefined) return <p className="config-loading">Loading…</p>;
  return (
    <section className="config-section config-medium" aria-label="Stages">
      <p className="config-intro">
        Leads move forward one open stage at a time, in this order; Mark as Won and Mark as Lost close them into the first won or lost stage. Drag a stage by its handle, or use ↑ ↓, to
        reorder.
      </p>
      {wonCount === 0 && (
        <p className="config-warning" role="alert">
          {NO_WON_STAGE_WARNING}
        </p>
      )}
      {wonCount > 1 && <p className="config-note">Several stages are marked Won: Mark as Won moves leads to the first of them by sequence.</p>}
      {failure && (
        <p className="config-error" role="alert">
          {failure}
        </p>
      )}
      <DndContext
        sensors={sensors}
        onDragStart={(event) => {
          setRefocus(null);
          setDragging(String(event.active.id));
        }}
        onDragOver={(event) => setOver(event.over ? String(event.over.id) : null)}
        onDragEnd={onDragEnd}
        onDragCancel={() => {
          setDragging(null);
          setOver(null);
        }}
      >
        <ol ref={list} className="stage-list" aria-label="Stages by sequence" aria-busy={pending !== null}>
          {stages.map((stage, index) => (
            <StageRow
              key={stage.id}
              stage={stage}
              isFirst={index === 0}
              isLast={index === stages.length - 1}
              leadCount={counts.get(stage.id) ?? 0}
              locked={pending !== null}
              dropSide={dropSide(stage.id)}
              onMove={(direction) => {
                if (pending) return;
                setRefocus({ id: stage.id, direction });
                void reorder(moveId(ids, stage.id, index + direction));
              }}
              onDelete={() => setDeleting(stage)}
            />
          ))}
        </ol>
        <DragOverlay>{draggedStage && <div className="stage-overlay">⠿ {draggedStage.name}</div>}</DragOverlay>
      </DndContext>
      <AddStageForm stages={sorted} />
      {deleting && (
        <ConfirmDialog
          label={`Delete stage "${deleting.name}"`}
          confirmLabel="Delete stage"
          busyLabel="Deleting…"
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await call(crm().deleteStage({ id: deleting.id }));
            toast('success', `Stage "${deleting.name}" deleted`);
          }}
        >
          <p>
            Delete the stage <strong>{deleting.name}</strong>? Only a stage that holds no lead can be deleted. Every workstation then rebuilds its local copy of the data.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

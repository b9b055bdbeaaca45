import type { ReactNode } from 'react';
import { useDroppable } from '@dnd-kit/core';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import type { Stage } from '../../../src-shared/domain/stages';
import { VirtualColumn } from './VirtualColumn';

export type DropHint = 'allowed' | 'refused' | null;

interface PipelineColumnProps {
  stage: Stage;
  leads: readonly Lead[];
  renderCard: (lead: Lead) => ReactNode;
  /** While a card is dragged: whether the rule lets it land here. */
  hint: DropHint;
  /** A card picked up with the keyboard is over this column. */
  keyboardOver?: boolean;
  folded: boolean;
  onToggleFold: () => void;
}

const CARD_HEIGHT = 64;
const leadKey = (lead: Lead) => lead.id;

/** A stage of My Pipeline: a drop target; a folded stage (Lost) is a narrow strip with its count. */
export function PipelineColumn({ stage, leads, renderCard, hint, keyboardOver = false, folded, onToggleFold }: PipelineColumnProps) {
  const { setNodeRef, isOver: pointerOver } = useDroppable({ id: stage.id });
  const isOver = pointerOver || keyboardOver;
  const classes = ['stage-column', stage.isWon ? 'stage-won' : '', stage.isLost ? 'stage-lost' : '', hint ? `drop-${hint}` : '', isOver ? 'is-over' : ''].join(' ');
  if (folded) {
    return (
      <section ref={setNodeRef} className={`board-column board-column-folded ${classes}`} aria-label={`${stage.name} (folded)`}>
        <button type="button" className="fold-toggle" onClick={onToggleFold} title={`Show ${stage.name}`}>
          <span className="sr-only">Show </span>
          <span className="board-count">{leads.length.toLocaleString()}</span>
          <span className="folded-name">{stage.name}</span>
        </button>
      </section>
    );
  }
  return (
    <VirtualColumn
      title={stage.name}
      items={leads}
      itemKey={leadKey}
      itemHeight={CARD_HEIGHT}
      renderItem={renderCard}
      className={classes}
      dropRef={setNodeRef}
      empty={stage.isWon ? 'Drop here to mark as Won' : stage.isLost ? 'Drop here to mark as Lost' : 'No leads'}
      aside={
        stage.folded ? (
          <button type="button" className="fold-toggle-inline" onClick={onToggleFold} aria-label={`Fold ${stage.name}`} title={`Fold ${stage.name}`}>
            ⟨
          </button>
        ) : undefined
      }
    />
  );
}

import { useState } from 'react';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import type { Stage } from '../../../src-shared/domain/stages';
import { useUiStore } from '../../app/ui-store';
import { runStageMove } from '../leads-board/run-stage-move';

interface StageStatusbarProps {
  lead: Lead;
  /** By sequence. */
  stages: Stage[];
  readOnly: boolean;
  onWon: () => void;
  onLost: () => void;
}

/**
 * Odoo's statusbar: the stages by sequence, the current one marked. A click runs the shared rule first; a
 * refused move shows the rule's verbatim text and never reaches the hub.
 */
export function StageStatusbar({ lead, stages, readOnly, onWon, onLost }: StageStatusbarProps) {
  const toast = useUiStore((state) => state.toast);
  const [moving, setMoving] = useState(false);

  async function pick(stage: Stage) {
    if (moving) return;
    setMoving(true);
    try {
      await runStageMove(stages, lead, stage.id, toast, { won: onWon, lost: onLost });
    } finally {
      setMoving(false);
    }
  }

  const currentIndex = stages.findIndex((stage) => stage.id === lead.stageId);
  return (
    <nav className="statusbar" aria-label="Stage">
      {stages.map((stage, index) => {
        const current = stage.id === lead.stageId;
        const state = current ? 'current' : index < currentIndex && !stage.isWon && !stage.isLost ? 'past' : 'future';
        return (
          <button
            key={stage.id}
            type="button"
            className={`statusbar-stage statusbar-${state}${stage.isWon ? ' is-won' : ''}${stage.isLost ? ' is-lost' : ''}`}
            aria-current={current ? 'step' : undefined}
            disabled={readOnly}
            // aria-disabled while a move runs: a disabled button would drop the keyboard focus.
            aria-disabled={moving || undefined}
            onClick={() => void pick(stage)}
          >
            {stage.name}
          </button>
        );
      })}
    </nav>
  );
}

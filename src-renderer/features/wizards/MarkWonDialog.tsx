import { useEffect, useState } from 'react';
import type { WonProgress } from '../../../src-shared/contract/ipc.contract';
import { useUiStore } from '../../app/ui-store';
import { call, crm } from '../../bridge/crm';
import { Dialog } from './Dialog';
import { errorText } from '../../ui/error-text';

type Phase = 'confirm' | 'running' | 'failed';

const STEP_MARK: Record<WonProgress['steps'][number]['state'], string> = { pending: '○', running: '◐', done: '✓', failed: '✕' };

/**
 * Mark as Won: confirm, then the saga's steps live (from main), then the success toast with the SO number,
 * or the error and what to check — the lead stays where it was.
 */
export function MarkWonDialog({ leadId, leadRef, onClose }: { leadId: string; leadRef: string; onClose: () => void }) {
  const toast = useUiStore((state) => state.toast);
  const [phase, setPhase] = useState<Phase>('confirm');
  const [steps, setSteps] = useState<WonProgress['steps']>([]);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(
    () =>
      crm().onWonProgress((progress) => {
        if (progress.leadId === leadId) setSteps(progress.steps);
      }),
    [leadId],
  );

  async function confirm() {
    setPhase('running');
    setFailure(null);
    try {
      const result = await call(crm().markWon({ leadId }));
      toast('success', result.toast);
      onClose();
    } catch (error) {
      setFailure(errorText(error));
      setPhase('failed');
    }
  }

  const running = phase === 'running';
  return (
    <Dialog
      label="Mark as Won"
      onClose={onClose}
      busy={running}
      onSubmit={() => void confirm()}
      footer={
        phase === 'failed' ? (
          <>
            <button type="button" onClick={onClose}>
              Close
            </button>
            <button type="submit" className="primary">
              Try again
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={onClose} disabled={running}>
              Cancel
            </button>
            <button type="submit" className="primary ok" disabled={running}>
              {running ? 'Pushing the Sales Order…' : 'Confirm: Mark as Won'}
            </button>
          </>
        )
      }
    >
      {phase === 'confirm' && (
        <p>
          Mark <strong className="mono">{leadRef}</strong> as Won? A Sales Order is created on the dealership&apos;s system and its manager is notified.
        </p>
      )}
      {steps.length > 0 && (
        <ol className="won-steps" aria-label="Won progress">
          {steps.map((step) => (
            <li key={step.id} className={`won-step won-step-${step.state}`}>
              <span className="won-step-mark" aria-hidden="true">
                {STEP_MARK[step.state]}
              </span>
              {step.label}
              <span className="sr-only"> ({step.state})</span>
            </li>
          ))}
        </ol>
      )}
      {running && steps.length === 0 && <p className="muted">Starting…</p>}
      {failure && (
        <div className="dialog-error" role="alert">
          <strong>The lead was not marked as Won; it stays where it was.</strong>
          <p>{failure}</p>
        </div>
      )}
    </Dialog>
  );
}

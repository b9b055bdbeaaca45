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
 * or the error and what to check — the lead stays where it was. While it runs, the dialog names the step it
 * waits for; once the hub has recorded the Sales Order, only this computer's copy is still being updated, so
 * the dialog says so and may be closed (the toast still comes when the update ends).
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
  const waitingFor = running ? steps.find((step) => step.state === 'running') : undefined;
  const recorded = running && steps.some((step) => step.id === 'confirm' && step.state === 'done');
  return (
    <Dialog
      label="Mark as Won"
      onClose={onClose}
      busy={running && !recorded}
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
            <button type="button" onClick={onClose} disabled={running && !recorded}>
              {recorded ? 'Close' : 'Cancel'}
            </button>
            <button type="submit" className="primary ok" disabled={running}>
              {recorded ? 'Updating this computer…' : running ? 'Pushing the Sales Order…' : 'Confirm: Mark as Won'}
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
      <p className="won-waiting" role="status">
        {!running ? '' : recorded ? 'The Sales Order is recorded on the lead. ' : ''}
        {!running ? '' : waitingFor ? `Waiting for: ${waitingFor.label}.` : steps.length === 0 ? 'Starting…' : ''}
        {recorded ? ' You can close this window; the lead updates here when the sync ends.' : ''}
      </p>
      {failure && (
        <div className="dialog-error" role="alert">
          <strong>The lead was not marked as Won; it stays where it was.</strong>
          <p>{failure}</p>
        </div>
      )}
    </Dialog>
  );
}

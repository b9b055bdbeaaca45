import { WON_SAGA_STEP_IDS, type WonProgress, type WonStepId, type WonStepState } from '../../src-shared/contract/ipc.contract';

/** The Won saga's step list for the renderer: each change sends the whole list on `won:progress`. */

/** After the hub recorded the order: main pulls the won lead into the replica before Mark as Won answers. */
export const WON_SYNC_LABEL = 'Update the lead on this computer (sync with the hub)';

type SagaStepId = (typeof WON_SAGA_STEP_IDS)[number];

export function stepLabels(dealershipName: string | null): Record<SagaStepId, string> {
  const on = dealershipName ? ` on ${dealershipName}` : " on the dealer's Odoo";
  return {
    prepare: 'Check the lead with the hub',
    partner: `Find or create the customer${on}`,
    order: `Find or create the Sales Order${on}`,
    confirm: 'Record the Sales Order on the lead',
  };
}

export class WonProgressTracker {
  private readonly steps: WonProgress['steps'];
  private current: WonStepId | null = null;

  constructor(
    private readonly leadId: string,
    private readonly emit: (progress: WonProgress) => void,
  ) {
    const labels = stepLabels(null);
    this.steps = WON_SAGA_STEP_IDS.map((id) => ({ id, label: labels[id], state: 'pending' as WonStepState }));
  }

  /** Once prepare named the dealership, the pending labels say where the work happens. */
  useDealership(name: string): void {
    const labels = stepLabels(name);
    for (const step of this.steps) if (step.state === 'pending' && step.id !== 'sync') step.label = labels[step.id];
  }

  running(id: WonStepId, label?: string): void {
    this.current = id;
    this.set(id, 'running', label);
  }

  done(id: WonStepId, label?: string): void {
    this.set(id, 'done', label);
  }

  /** Marks the step that was running as failed (the error itself travels in the IPC result). */
  failed(label?: string): void {
    if (this.current) this.set(this.current, 'failed', label);
  }

  private set(id: WonStepId, state: WonStepState, label?: string): void {
    const step = this.steps.find((item) => item.id === id);
    if (!step) return;
    step.state = state;
    if (label !== undefined) step.label = label;
    this.emit({ leadId: this.leadId, steps: this.steps.map((item) => ({ ...item })) });
  }
}

/**
 * The step list with the sync step last: main shows it while the pull after a successful Won runs, so a
 * dialog with every saga step ticked still says what it waits for (a slow hub can hold that pull for as
 * long as its request timeouts and retries last).
 */
export function withSyncStep(steps: WonProgress['steps'], state: WonStepState): WonProgress['steps'] {
  return [...steps.filter((step) => step.id !== 'sync'), { id: 'sync', label: WON_SYNC_LABEL, state }];
}

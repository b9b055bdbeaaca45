import type { MarkWonOutput, WonProgress } from '../../src-shared/contract/ipc.contract';
import type { Emit, HubConnection } from '../core/hub-connection';
import type { IpcHandlers } from '../ipc/ipc-dispatcher';
import { withSyncStep } from './won-progress';
import type { WonService } from './won-service';

export interface WonHandlerDeps {
  won: WonService;
  connection: HubConnection;
  emit: Emit;
  /** The last Won step list sent per lead (WonService's progress), for the sync step shown after it. */
  lastSteps: Map<string, WonProgress['steps']>;
}

/** Mark as Won and Test Connection. */
export function wonHandlers(deps: WonHandlerDeps): Pick<IpcHandlers, 'leads:mark-won' | 'dealerships:test-connection'> {
  return {
    'leads:mark-won': async ({ leadId }) => markWon(deps, leadId),
    'dealerships:test-connection': async ({ dealershipId }) => deps.connection.callHub(() => deps.won.testConnection(dealershipId)),
  };
}

/**
 * Mark as Won is a mutation like the others (pulled before it answers), with the pull shown as the last step
 * of the dialog: every step before it ticked, the dialog says it waits for this computer's copy.
 */
async function markWon({ won, connection, emit, lastSteps }: WonHandlerDeps, leadId: string): Promise<MarkWonOutput> {
  lastSteps.delete(leadId);
  const output = await connection.callHub(() => won.markWon(leadId));
  const steps = lastSteps.get(leadId) ?? [];
  emit('won:progress', { leadId, steps: withSyncStep(steps, 'running') });
  await connection.pullQuietly();
  emit('won:progress', { leadId, steps: withSyncStep(steps, 'done') });
  lastSteps.delete(leadId);
  return output;
}

import { useState } from 'react';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import { Dialog } from '../wizards/Dialog';
import { DialogFooter } from '../wizards/DialogFooter';
import { bulkAssign, type BulkOutcome } from './bulk-assign';

/** Where the selected leads go: an agent (by id and name) or back to the pool (null). */
export type BulkTarget = { userId: string; name: string } | null;

const SHOWN_REFS = 8;

const leadsWord = (count: number) => (count === 1 ? '1 lead' : `${count.toLocaleString()} leads`);

export function confirmText(count: number, target: BulkTarget): string {
  return target ? `Reassign ${leadsWord(count)} to ${target.name}?` : `Return ${leadsWord(count)} to the pool?`;
}

function doneText(done: number, total: number, target: BulkTarget): string {
  return target ? `${done} of ${leadsWord(total)} reassigned to ${target.name}.` : `${done} of ${leadsWord(total)} returned to the pool.`;
}

type Phase = { step: 'confirm' } | { step: 'running'; finished: number } | { step: 'summary'; outcomes: BulkOutcome[] };

/**
 * Bulk reassign or return to the pool: a confirmation that names the count, a progress bar while the leads are
 * assigned one by one (each with the version it was shown at), then what happened to each that did not move.
 */
export function BulkAssignDialog({ leads, target, onClose, onFinished }: { leads: Lead[]; target: BulkTarget; onClose(): void; onFinished(): void }) {
  const [phase, setPhase] = useState<Phase>({ step: 'confirm' });
  const title = target ? 'Bulk reassign' : 'Return to pool';

  async function run() {
    setPhase({ step: 'running', finished: 0 });
    const outcomes = await bulkAssign(leads, target?.userId ?? null, (finished) => setPhase({ step: 'running', finished }));
    setPhase({ step: 'summary', outcomes });
    onFinished();
  }

  if (phase.step === 'summary') {
    const problems = phase.outcomes.filter((outcome) => outcome.outcome !== 'done');
    return (
      <Dialog label={title} onClose={onClose} onSubmit={onClose} footer={<button type="submit" className="primary">Done</button>}>
        <p role="status" className="bulk-done">
          {doneText(phase.outcomes.length - problems.length, phase.outcomes.length, target)}
        </p>
        {problems.length > 0 && (
          <div className="bulk-problems">
            <p>Not changed:</p>
            <ul aria-label="Leads not changed">
              {problems.map((problem) => (
                <li key={problem.lead.id}>
                  <span className="mono">{problem.lead.ref}</span> — {'message' in problem ? problem.message : ''}
                </li>
              ))}
            </ul>
          </div>
        )}
      </Dialog>
    );
  }

  const running = phase.step === 'running';
  const refs = leads.slice(0, SHOWN_REFS).map((lead) => lead.ref);
  return (
    <Dialog
      label={title}
      onClose={onClose}
      busy={running}
      onSubmit={() => void run()}
      footer={<DialogFooter onCancel={onClose} submitLabel={target ? `Reassign ${leadsWord(leads.length)}` : `Return ${leadsWord(leads.length)}`} busyLabel="Working…" busy={running} />}
    >
      <p className="bulk-question">{confirmText(leads.length, target)}</p>
      <p className="muted">
        {refs.join(', ')}
        {leads.length > refs.length ? ` and ${leads.length - refs.length} more` : ''}
      </p>
      <p className="muted">
        {target
          ? `Each lead leaves its current agent's pipeline and appears in ${target.name}'s, with its open activities. The change is written to each lead's chatter.`
          : 'Each lead leaves its agent’s pipeline and appears in Open Leads for anyone to claim. A closed lead never returns to the pool.'}
      </p>
      {running && (
        <div className="bulk-progress">
          <progress max={leads.length} value={phase.finished} aria-label="Bulk progress" />
          <span role="status">
            {phase.finished} of {leadsWord(leads.length)} done…
          </span>
        </div>
      )}
    </Dialog>
  );
}

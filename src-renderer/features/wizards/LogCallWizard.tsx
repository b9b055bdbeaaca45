import { useState } from 'react';
import { logCallBodySchema } from '../../../src-shared/contract/lead-work.schema';
import { ACTIVITY_TYPES, ACTIVITY_TYPE_LABELS, VISIT_KINDS, VISIT_KIND_LABELS } from '../../../src-shared/domain/activity-kinds';
import { CALL_RESULTS, CALL_RESULT_LABELS } from '../../../src-shared/domain/call-results';
import { useReplica } from '../../app/ReplicaProvider';
import { useUiStore } from '../../app/ui-store';
import { enqueue } from '../../db/outbox';
import { callMinutes, useCallTimerStore } from './call-timer.store';
import { Dialog } from './Dialog';
import { DialogFooter } from './DialogFooter';
import { fieldErrors, type FieldErrors } from './field-errors';
import { FormField } from './FormField';
import { localToIso, tomorrowAtTen } from './local-time';

const DATE_TIME_MESSAGE = 'Pick a date and a time';

/**
 * Log Call: duration, result, summary (to the chatter) and an optional next activity. Recorded in the
 * outbox at once, so it shows as pending and works offline.
 */
export function LogCallWizard({ leadId, onClose }: { leadId: string; onClose: () => void }) {
  const { db, outbox } = useReplica();
  const toast = useUiStore((state) => state.toast);
  const startedAt = useCallTimerStore((state) => state.startedAt[leadId]);
  const stopTimer = useCallTimerStore((state) => state.stop);
  const [duration, setDuration] = useState(startedAt === undefined ? '' : String(callMinutes(startedAt)));
  const [result, setResult] = useState('');
  const [summary, setSummary] = useState('');
  const [planNext, setPlanNext] = useState(false);
  const tomorrow = tomorrowAtTen();
  const [nextType, setNextType] = useState('call');
  const [nextKind, setNextKind] = useState('showroom');
  const [nextDate, setNextDate] = useState(tomorrow.date);
  const [nextTime, setNextTime] = useState(tomorrow.time);
  const [nextSummary, setNextSummary] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);

  async function submit() {
    const dueAt = localToIso(nextDate, nextTime);
    const candidate = {
      durationMin: duration.trim() === '' ? undefined : Number(duration),
      result: result || undefined,
      summary,
      nextActivity: planNext
        ? { type: nextType, summary: nextSummary, dueAt: dueAt ?? '', ...(nextType === 'visit' ? { visitKind: nextKind } : {}) }
        : undefined,
    };
    const parsed = logCallBodySchema.safeParse(candidate);
    const found = parsed.success ? {} : fieldErrors(parsed.error);
    if (planNext && dueAt === null) found['nextActivity.dueAt'] = DATE_TIME_MESSAGE;
    if (Number.isNaN(candidate.durationMin)) found.durationMin = 'Must be a number of minutes';
    setErrors(found);
    if (!parsed.success || Object.keys(found).length > 0) return;
    setSaving(true);
    await enqueue(db, 'call', leadId, parsed.data);
    outbox.kick();
    stopTimer(leadId);
    toast('success', 'Call logged');
    onClose();
  }

  return (
    <Dialog
      label="Log Call"
      onClose={onClose}
      onSubmit={() => void submit()}
      footer={<DialogFooter onCancel={onClose} submitLabel="Log Call" busy={saving} lockCancel={false} />}
    >
      <div className="field-grid">
        <FormField label="Duration (minutes)" error={errors.durationMin}>
          <input type="number" min={0} max={1440} step={1} value={duration} onChange={(event) => setDuration(event.target.value)} />
        </FormField>
        <FormField label="Call Result" error={errors.result}>
          <select value={result} onChange={(event) => setResult(event.target.value)}>
            <option value="">Select…</option>
            {CALL_RESULTS.map((value) => (
              <option key={value} value={value}>
                {CALL_RESULT_LABELS[value]}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="Summary" error={errors.summary} wide>
          <textarea rows={3} value={summary} onChange={(event) => setSummary(event.target.value)} placeholder="What was said — goes to the chatter" />
        </FormField>
      </div>
      <label className="check">
        <input type="checkbox" checked={planNext} onChange={(event) => setPlanNext(event.target.checked)} /> Plan a next activity
      </label>
      {planNext && (
        <fieldset className="field-grid next-activity">
          <legend>Next Activity</legend>
          <FormField label="Activity Type" error={errors['nextActivity.type']}>
            <select value={nextType} onChange={(event) => setNextType(event.target.value)}>
              {ACTIVITY_TYPES.map((value) => (
                <option key={value} value={value}>
                  {ACTIVITY_TYPE_LABELS[value]}
                </option>
              ))}
            </select>
          </FormField>
          {nextType === 'visit' ? (
            <FormField label="Visit" error={errors['nextActivity.visitKind']}>
              <select value={nextKind} onChange={(event) => setNextKind(event.target.value)}>
                {VISIT_KINDS.map((value) => (
                  <option key={value} value={value}>
                    {VISIT_KIND_LABELS[value]}
                  </option>
                ))}
              </select>
            </FormField>
          ) : (
            <span />
          )}
          <FormField label="Due Date" error={errors['nextActivity.dueAt']}>
            <input type="date" value={nextDate} onChange={(event) => setNextDate(event.target.value)} />
          </FormField>
          <FormField label="Due Time">
            <input type="time" value={nextTime} onChange={(event) => setNextTime(event.target.value)} />
          </FormField>
          <FormField label="Activity Summary" error={errors['nextActivity.summary']} wide>
            <input value={nextSummary} onChange={(event) => setNextSummary(event.target.value)} placeholder="e.g. Call back with the finance offer" />
          </FormField>
        </fieldset>
      )}
    </Dialog>
  );
}

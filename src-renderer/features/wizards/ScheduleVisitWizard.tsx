import { useState } from 'react';
import { createActivityBodySchema } from '../../../src-shared/contract/lead-work.schema';
import { VISIT_KINDS, VISIT_KIND_LABELS, type VisitKind } from '../../../src-shared/domain/activity-kinds';
import { useReplica } from '../../app/ReplicaProvider';
import { useUiStore } from '../../app/ui-store';
import { enqueue } from '../../db/outbox';
import { Dialog } from './Dialog';
import { DialogFooter } from './DialogFooter';
import { fieldErrors, type FieldErrors } from './field-errors';
import { FormField } from './FormField';
import { localToIso, tomorrowAtTen } from './local-time';

/** Schedule Visit: an activity of type visit, on-site or in the showroom, through the outbox (works offline). */
export function ScheduleVisitWizard({ leadId, onClose }: { leadId: string; onClose: () => void }) {
  const { db, outbox } = useReplica();
  const toast = useUiStore((state) => state.toast);
  const tomorrow = tomorrowAtTen();
  const [kind, setKind] = useState<VisitKind>('showroom');
  const [date, setDate] = useState(tomorrow.date);
  const [time, setTime] = useState(tomorrow.time);
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);

  // A past time is allowed (a visit entered late) but never silently: it is overdue the moment it is saved.
  const chosen = localToIso(date, time);
  const inPast = chosen !== null && Date.parse(chosen) < Date.now();

  async function submit() {
    const dueAt = localToIso(date, time);
    const parsed = createActivityBodySchema.safeParse({
      type: 'visit',
      visitKind: kind,
      dueAt: dueAt ?? '',
      // The activity needs a summary; without notes it says what the visit is.
      summary: notes.trim() || `${VISIT_KIND_LABELS[kind]} visit`,
    });
    const found = parsed.success ? {} : fieldErrors(parsed.error);
    if (dueAt === null) found.dueAt = 'Pick a date and a time';
    setErrors(found);
    if (!parsed.success || Object.keys(found).length > 0) return;
    setSaving(true);
    await enqueue(db, 'activity', leadId, parsed.data);
    outbox.kick();
    toast('success', `${VISIT_KIND_LABELS[kind]} visit scheduled`);
    onClose();
  }

  return (
    <Dialog
      label="Schedule Visit"
      onClose={onClose}
      onSubmit={() => void submit()}
      footer={<DialogFooter onCancel={onClose} submitLabel="Schedule Visit" busy={saving} lockCancel={false} />}
    >
      <fieldset className="segmented" aria-label="Visit type">
        {VISIT_KINDS.map((value) => (
          <label key={value} className={kind === value ? 'on' : undefined}>
            <input type="radio" name="visit-kind" value={value} checked={kind === value} onChange={() => setKind(value)} />
            {VISIT_KIND_LABELS[value]}
          </label>
        ))}
      </fieldset>
      <div className="field-grid">
        <FormField label="Date" error={errors.dueAt}>
          <input type="date" value={date} onChange={(event) => setDate(event.target.value)} />
        </FormField>
        <FormField label="Time">
          <input type="time" value={time} onChange={(event) => setTime(event.target.value)} />
        </FormField>
        {inPast && (
          <p className="field-wide form-warning" role="status">
            This date and time are in the past: the visit will show as overdue at once. Check the date, or save it if the visit already happened.
          </p>
        )}
        <FormField label="Notes" error={errors.summary} wide>
          <textarea rows={3} value={notes} onChange={(event) => setNotes(event.target.value)} placeholder="Who comes, what to prepare" />
        </FormField>
      </div>
    </Dialog>
  );
}

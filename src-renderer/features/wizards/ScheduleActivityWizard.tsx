import { useState } from 'react';
import { createActivityBodySchema } from '../../../src-shared/contract/lead-work.schema';
import { ACTIVITY_TYPES, ACTIVITY_TYPE_LABELS, VISIT_KINDS, VISIT_KIND_LABELS, type ActivityType, type VisitKind } from '../../../src-shared/domain/activity-kinds';
import { useReplica } from '../../app/ReplicaProvider';
import { useUiStore } from '../../app/ui-store';
import { enqueue } from '../../db/outbox';
import { Dialog } from './Dialog';
import { DialogFooter } from './DialogFooter';
import { fieldErrors, type FieldErrors } from './field-errors';
import { FormField } from './FormField';
import { localToIso, tomorrowAtTen } from './local-time';

/** What each kind of activity is called when the notes say nothing. */
const DEFAULT_SUMMARY: Record<Exclude<ActivityType, 'visit'>, string> = { call: 'Follow-up call', meeting: 'Meeting', task: 'To do' };

/**
 * Schedules an activity through the outbox (works offline). From the header's Schedule Visit it is a visit,
 * on-site or in the showroom; from the Activities panel ("the activity chip next to the chatter") the user
 * picks a call, a meeting, a task or a visit. Either way it gets the same pills and Home entries.
 */
export function ScheduleActivityWizard({ leadId, onClose, visitOnly = false }: { leadId: string; onClose: () => void; visitOnly?: boolean }) {
  const { db, outbox } = useReplica();
  const toast = useUiStore((state) => state.toast);
  const tomorrow = tomorrowAtTen();
  const [type, setType] = useState<ActivityType>(visitOnly ? 'visit' : 'call');
  const [kind, setKind] = useState<VisitKind>('showroom');
  const [date, setDate] = useState(tomorrow.date);
  const [time, setTime] = useState(tomorrow.time);
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);

  const title = visitOnly ? 'Schedule Visit' : 'Schedule Activity';
  // A past time is allowed (a visit entered late) but never silently: it is overdue the moment it is saved.
  const chosen = localToIso(date, time);
  const inPast = chosen !== null && Date.parse(chosen) < Date.now();

  async function submit() {
    const dueAt = localToIso(date, time);
    const parsed = createActivityBodySchema.safeParse({
      type,
      ...(type === 'visit' ? { visitKind: kind } : {}),
      dueAt: dueAt ?? '',
      // The activity needs a summary; without notes it says what the activity is.
      summary: notes.trim() || (type === 'visit' ? `${VISIT_KIND_LABELS[kind]} visit` : DEFAULT_SUMMARY[type]),
    });
    const found = parsed.success ? {} : fieldErrors(parsed.error);
    if (dueAt === null) found.dueAt = 'Pick a date and a time';
    setErrors(found);
    if (!parsed.success || Object.keys(found).length > 0) return;
    setSaving(true);
    await enqueue(db, 'activity', leadId, parsed.data);
    outbox.kick();
    toast('success', type === 'visit' ? `${VISIT_KIND_LABELS[kind]} visit scheduled` : `${ACTIVITY_TYPE_LABELS[type]} scheduled`);
    onClose();
  }

  return (
    <Dialog
      label={title}
      onClose={onClose}
      onSubmit={() => void submit()}
      footer={<DialogFooter onCancel={onClose} submitLabel={title} busy={saving} lockCancel={false} />}
    >
      {!visitOnly && (
        <fieldset className="segmented" aria-label="Activity type">
          {ACTIVITY_TYPES.map((value) => (
            <label key={value} className={type === value ? 'on' : undefined}>
              <input type="radio" name="activity-type" value={value} checked={type === value} onChange={() => setType(value)} />
              {ACTIVITY_TYPE_LABELS[value]}
            </label>
          ))}
        </fieldset>
      )}
      {type === 'visit' && (
        <fieldset className="segmented" aria-label="Visit type">
          {VISIT_KINDS.map((value) => (
            <label key={value} className={kind === value ? 'on' : undefined}>
              <input type="radio" name="visit-kind" value={value} checked={kind === value} onChange={() => setKind(value)} />
              {VISIT_KIND_LABELS[value]}
            </label>
          ))}
        </fieldset>
      )}
      <div className="field-grid">
        <FormField label="Date" error={errors.dueAt}>
          <input type="date" value={date} onChange={(event) => setDate(event.target.value)} />
        </FormField>
        <FormField label="Time">
          <input type="time" value={time} onChange={(event) => setTime(event.target.value)} />
        </FormField>
        {inPast && (
          <p className="field-wide form-warning" role="status">
            This date and time are in the past: the {type === 'visit' ? 'visit' : 'activity'} will show as overdue at once. Check the date, or save it if it already happened.
          </p>
        )}
        <FormField label="Notes" error={errors.summary} wide>
          <textarea rows={3} value={notes} onChange={(event) => setNotes(event.target.value)} placeholder={type === 'visit' ? 'Who comes, what to prepare' : 'What to do'} />
        </FormField>
      </div>
    </Dialog>
  );
}

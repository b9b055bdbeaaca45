import { ACTIVITY_TYPE_LABELS, VISIT_KIND_LABELS } from '../../../src-shared/domain/activity-kinds';
import { formatWhen } from '../wizards/local-time';
import type { MyActivity } from './my-activities';

interface ActivityRowProps {
  activity: MyActivity;
  busy: boolean;
  onOpen: (leadId: string) => void;
  onDone: (activity: MyActivity) => void;
}

/** One activity: what, when, which lead; the row opens the lead, Done closes the activity. */
export function ActivityRow({ activity, busy, onOpen, onDone }: ActivityRowProps) {
  return (
    <li className="home-activity">
      <button type="button" className="home-activity-open" onClick={() => onOpen(activity.leadId)}>
        <span className="home-activity-type">
          {ACTIVITY_TYPE_LABELS[activity.type]}
          {activity.visitKind && ` · ${VISIT_KIND_LABELS[activity.visitKind]}`}
        </span>
        <span className="home-activity-summary">{activity.summary}</span>
        <time dateTime={activity.dueAt}>{formatWhen(activity.dueAt)}</time>
        <span className="mono home-activity-ref">{activity.leadRef ?? '—'}</span>
        <span className="home-activity-customer">{activity.customerName ?? ''}</span>
      </button>
      <button type="button" disabled={busy} onClick={() => onDone(activity)} aria-label={`Done: ${activity.summary}`}>
        Done
      </button>
    </li>
  );
}

import { ACTIVITY_STATE_COLORS, type ActivityState } from '../../src-shared/domain/activity-state';

const LABELS: Record<ActivityState, string> = { overdue: 'Overdue', today: 'Today', planned: 'Planned' };

/** The kanban's activity pill: red overdue, yellow today, green planned. */
export function ActivityPill({ state }: { state: ActivityState }) {
  return (
    <span className={`pill pill-${ACTIVITY_STATE_COLORS[state]}`} title={`Next activity: ${LABELS[state].toLowerCase()}`} data-activity={state}>
      {LABELS[state]}
    </span>
  );
}

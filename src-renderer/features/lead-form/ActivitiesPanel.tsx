import { useState } from 'react';
import type { Activity } from '../../../src-shared/contract/entities.schema';
import { ACTIVITY_TYPE_LABELS, VISIT_KIND_LABELS } from '../../../src-shared/domain/activity-kinds';
import { activityState, type ActivityState } from '../../../src-shared/domain/activity-state';
import { useUiStore } from '../../app/ui-store';
import { call, crm } from '../../bridge/crm';
import { formatWhen } from '../wizards/local-time';
import { errorText } from '../../ui/error-text';

const STATE_LABELS: Record<ActivityState, string> = { overdue: 'Overdue', today: 'Today', planned: 'Planned' };
const STATE_PILLS: Record<ActivityState, string> = { overdue: 'pill-red', today: 'pill-yellow', planned: 'pill-green' };

const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The lead's open activities, most urgent first, each with its state pill and a Done button. `historyShown`
 * false (another lead's history not on this workstation, the hub out of reach): an empty list says so instead
 * of "No planned activity".
 */
export function ActivitiesPanel({ activities, canWork, onSchedule, historyShown = true }: { activities: Activity[]; canWork: boolean; onSchedule?: () => void; historyShown?: boolean }) {
  const toast = useUiStore((state) => state.toast);
  const [marking, setMarking] = useState<string | null>(null);
  const open = activities.filter((activity) => !activity.done).sort((a, b) => (a.dueAt < b.dueAt ? -1 : 1));
  const done = activities.length - open.length;
  const now = new Date();

  async function markDone(activity: Activity) {
    setMarking(activity.id);
    try {
      await call(crm().markActivityDone({ activityId: activity.id }));
      toast('success', `${ACTIVITY_TYPE_LABELS[activity.type]} marked as done`);
    } catch (error) {
      toast('error', errorText(error));
    } finally {
      setMarking(null);
    }
  }

  return (
    <section className="activities" aria-label="Activities">
      <h3>
        Activities <span className="count">{open.length}</span>
        {done > 0 && <span className="muted"> · {done} done</span>}
        {canWork && onSchedule && (
          <button type="button" className="link" onClick={onSchedule}>
            + Schedule activity
          </button>
        )}
      </h3>
      {open.length === 0 ? (
        <p className="muted empty">{historyShown ? 'No planned activity.' : 'Activities not downloaded on this workstation.'}</p>
      ) : (
        <ul className="activity-list">
          {open.map((activity) => {
            const state = activityState(activity.dueAt, now, timeZone);
            return (
              <li key={activity.id} className="activity">
                <span className={`pill ${STATE_PILLS[state]}`}>{STATE_LABELS[state]}</span>
                <span className="activity-what">
                  <strong>
                    {ACTIVITY_TYPE_LABELS[activity.type]}
                    {activity.visitKind && ` · ${VISIT_KIND_LABELS[activity.visitKind]}`}
                  </strong>{' '}
                  {activity.summary}
                </span>
                <time dateTime={activity.dueAt}>{formatWhen(activity.dueAt)}</time>
                {canWork && (
                  <button type="button" disabled={marking !== null} onClick={() => void markDone(activity)} aria-label={`Done: ${activity.summary}`}>
                    Done
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

import { useState } from 'react';
import { ACTIVITY_TYPE_LABELS } from '../../../src-shared/domain/activity-kinds';
import type { ActivityState } from '../../../src-shared/domain/activity-state';
import { useUiStore } from '../../app/ui-store';
import { call, crm } from '../../bridge/crm';
import { ActivityRow } from './ActivityRow';
import { useNow } from '../../ui/use-now';
import { useHomeGroups } from './home-groups';
import { ACTIVITY_GROUPS, type MyActivity } from './my-activities';
import './home.css';
import { errorText } from '../../ui/error-text';

const GROUP_LABELS: Record<ActivityState, string> = { overdue: 'Overdue', today: 'Today', planned: 'Planned' };
const GROUP_PILLS: Record<ActivityState, string> = { overdue: 'pill-red', today: 'pill-yellow', planned: 'pill-green' };

/** Rows a group shows at first and adds per "Show more": a full pipeline plans thousands of activities. */
export const GROUP_PAGE = 50;
const FIRST_PAGES: Record<ActivityState, number> = { overdue: GROUP_PAGE, today: GROUP_PAGE, planned: GROUP_PAGE };

function moreLabel(hidden: number): string {
  return hidden > GROUP_PAGE ? `Show ${GROUP_PAGE} more (${hidden} not shown)` : `Show the other ${hidden}`;
}

/**
 * Home: the signed-in user's open activities, overdue first, each opening its lead. "Today" is the
 * workstation's day, as on the kanban pill; each group reads only the rows it shows.
 */
export function HomeView({ userId }: { userId: string }) {
  const [shown, setShown] = useState(FIRST_PAGES);
  const groups = useHomeGroups(userId, useNow(), shown);
  const openLead = useUiStore((state) => state.openLead);
  const toast = useUiStore((state) => state.toast);
  const [marking, setMarking] = useState<string | null>(null);

  async function markDone(activity: MyActivity) {
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

  if (groups === undefined) {
    return (
      <section className="home-activities" aria-label="Your activities" aria-busy="true">
        <h2>Your activities</h2>
        <p className="muted">Loading…</p>
      </section>
    );
  }
  const total = ACTIVITY_GROUPS.reduce((sum, state) => sum + groups[state].count, 0);
  return (
    <section className="home-activities" aria-label="Your activities">
      <h2>
        Your activities <span className="count">{total}</span>
      </h2>
      {total === 0 && <p className="muted">Nothing planned. Schedule the next step from a lead.</p>}
      {ACTIVITY_GROUPS.filter((state) => groups[state].count > 0).map((state) => (
        <section key={state} className="home-group" aria-label={GROUP_LABELS[state]}>
          <h3>
            <span className={`pill ${GROUP_PILLS[state]}`}>{GROUP_LABELS[state]}</span> <span className="count">{groups[state].count}</span>
          </h3>
          <ul>
            {groups[state].rows.map((activity) => (
              <ActivityRow key={activity.id} activity={activity} busy={marking !== null} onOpen={(leadId) => openLead(leadId)} onDone={(picked) => void markDone(picked)} />
            ))}
          </ul>
          {groups[state].count > groups[state].rows.length && (
            <button type="button" className="home-more" onClick={() => setShown((current) => ({ ...current, [state]: current[state] + GROUP_PAGE }))}>
              {moreLabel(groups[state].count - groups[state].rows.length)}
            </button>
          )}
        </section>
      ))}
    </section>
  );
}

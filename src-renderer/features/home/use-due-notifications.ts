import { useEffect } from 'react';
import { FIELD_MAX } from '../../../src-shared/contract/fields.schema';
import { ACTIVITY_TYPE_LABELS } from '../../../src-shared/domain/activity-kinds';
import { useReplica } from '../../app/ReplicaProvider';
import { crm } from '../../bridge/crm';
import { dueToNotify, loadMyActivitiesDueIn } from './my-activities';

export const DUE_CHECK_MS = 30_000;
/** A reload (F5) must not lose what fell due while the page was loading: look back a little further. */
const LOOK_BACK_MS = 2 * DUE_CHECK_MS;

const storageKey = (userId: string) => `crm:notified-activities:${userId}`;

function readNotified(userId: string): Set<string> {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(storageKey(userId)) ?? '[]');
    return new Set(Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}

function writeNotified(userId: string, ids: ReadonlySet<string>): void {
  try {
    sessionStorage.setItem(storageKey(userId), JSON.stringify([...ids]));
  } catch {
    // Storage full or blocked: memory still prevents repeats in this session.
  }
}

/**
 * Every 30 s, asks main for a desktop notification for each of the user's open activities that has just
 * fallen due. Notified ids are remembered for the session (sessionStorage survives F5) so none repeats.
 */
export function useDueNotifications(userId: string): void {
  const { db } = useReplica();
  useEffect(() => {
    const since = new Date(Date.now() - LOOK_BACK_MS);
    const notified = readNotified(userId);
    let running = false;
    const check = async () => {
      if (running) return;
      running = true;
      try {
        const now = new Date();
        const due = dueToNotify(await loadMyActivitiesDueIn(db, userId, since, now), notified, since, now);
        for (const activity of due) {
          notified.add(activity.id);
          const what = `${ACTIVITY_TYPE_LABELS[activity.type]} due`;
          void crm().notify({
            title: activity.leadRef ? `${what} · ${activity.leadRef}` : what,
            body: [activity.customerName, activity.summary].filter(Boolean).join(' — ').slice(0, FIELD_MAX.activitySummary),
            leadId: activity.leadId,
          });
        }
        if (due.length) writeNotified(userId, notified);
      } catch (error) {
        // The replica closing on sign-out ends the check; the next tick (if any) tries again.
        console.warn('due-activity check failed', error);
      } finally {
        running = false;
      }
    };
    const timer = setInterval(() => void check(), DUE_CHECK_MS);
    return () => clearInterval(timer);
  }, [db, userId]);
}

import { useEffect, useRef } from 'react';
import { capabilitiesOf } from '../../../src-shared/domain/roles';
import type { Actor } from '../../../src-shared/domain/lead-access';
import { useReplica } from '../../app/ReplicaProvider';
import { crm } from '../../bridge/crm';
import { useNow } from '../../ui/use-now';
import { loadOverduePool } from './load-overdue-pool';
import { thresholdsByBrand, unclaimedNotifications } from './unclaimed-alerts';
import { useUnclaimedAlertsStore } from './unclaimed-alerts-store';

/** How often the thresholds are asked again (a manager's change on another desktop arrives within this). */
export const THRESHOLDS_REFRESH_MS = 5 * 60_000;
/** Remembered lead ids per session; the oldest are forgotten beyond this (they left the pool long ago). */
const NOTIFIED_MAX = 10_000;

const storageKey = (userId: string) => `crm:notified-unclaimed:${userId}`;

function readNotified(userId: string): Set<string> {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(storageKey(userId)) ?? '[]');
    return new Set(Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}

function writeNotified(userId: string, ids: Set<string>): void {
  for (const id of ids) {
    if (ids.size <= NOTIFIED_MAX) break;
    ids.delete(id);
  }
  try {
    sessionStorage.setItem(storageKey(userId), JSON.stringify([...ids]));
  } catch {
    // Storage full or blocked: memory still prevents repeats in this session.
  }
}

/**
 * Supervisors and managers: a desktop notification when an unclaimed lead has waited longer than its brand's
 * threshold, once per lead (remembered for the session, so F5 does not repeat it). Computed here, from the
 * replica's pool index at each tick of the window's minute clock: the replica is exactly what this user may
 * see (so an alert can tell nothing more), it lives in the renderer (main holds none), its pool index answers
 * "waiting since before T" as one range, and the check goes on through a dropped connection with the
 * thresholds last read. The hub only keeps and checks the thresholds: it has no channel to a desktop's
 * notifications but the sync events. Only a notification — nothing is claimed, moved or reassigned.
 */
export function useUnclaimedAlerts(actor: Actor): void {
  const { db } = useReplica();
  const alerted = capabilitiesOf(actor.role).seeAllLeads;
  const alerts = useUnclaimedAlertsStore((state) => state.alerts);
  const setAlerts = useUnclaimedAlertsStore((state) => state.setAlerts);
  const now = useNow();
  const notified = useRef<Set<string> | null>(null);
  const running = useRef(false);

  useEffect(() => {
    if (!alerted) return;
    const refresh = async () => {
      try {
        const answer = await crm().listUnclaimedAlerts();
        // Offline or refused: the thresholds last known stay in force.
        if (answer.ok) setAlerts(answer.value);
      } catch (error) {
        console.warn('unclaimed-alert thresholds not read', error);
      }
    };
    void refresh();
    const timer = setInterval(() => void refresh(), THRESHOLDS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [alerted, setAlerts]);

  useEffect(() => {
    notified.current = null;
  }, [actor.id]);

  useEffect(() => {
    if (!alerted || !alerts?.length || running.current) return;
    running.current = true;
    const seen = (notified.current ??= readNotified(actor.id));
    void (async () => {
      try {
        const overdue = await loadOverduePool(db, thresholdsByBrand(alerts), seen, now);
        const notifications = unclaimedNotifications(overdue, seen, now);
        for (const { title, body, leadId, leadIds } of notifications) {
          for (const id of leadIds) seen.add(id);
          void crm().notify({ title, body, leadId });
        }
        if (notifications.length) writeNotified(actor.id, seen);
      } catch (error) {
        // The replica closing on sign-out ends the check; the next tick tries again.
        console.warn('unclaimed-lead check failed', error);
      } finally {
        running.current = false;
      }
    })();
  }, [alerted, alerts, actor.id, db, now]);
}

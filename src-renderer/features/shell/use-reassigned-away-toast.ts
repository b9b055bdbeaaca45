import { useEffect, useRef } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useReplica } from '../../app/ReplicaProvider';
import { useUiStore } from '../../app/ui-store';
import { crm } from '../../bridge/crm';
import { loadOwnOpenLeads, reassignedAway, reassignedAwayTexts, vanishedLeads, type OwnLeads, type ReassignedAway, type ReassignmentLookup } from './reassigned-away';

/** The hub's answer for a lead gone from the replica; any refusal or failure leaves the names unknown. */
const askHub: ReassignmentLookup = async (leadId) => {
  const answer = await crm().leadReassignment({ leadId });
  return answer.ok ? answer.value : null;
};

/** A bulk reassignment reaches the replica over a few sync pages: what leaves within this window is one toast. */
export const GROUP_WINDOW_MS = 400;

/**
 * Watches the user's own open leads in the replica and says so when a supervisor takes some away. Answers
 * them as it last looked at them: undefined before its first look (what leaves before then cannot be told
 * apart from a fresh start), null during a rebuild.
 */
export function useReassignedAwayToast(userId: string): OwnLeads | undefined {
  const { db } = useReplica();
  const toast = useUiStore((state) => state.toast);
  const own = useLiveQuery(() => loadOwnOpenLeads(db, userId), [db, userId]);
  const previous = useRef<OwnLeads>(null);
  const pending = useRef<ReassignedAway[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (own === undefined) return;
    const before = previous.current;
    previous.current = own;
    const gone = vanishedLeads(before, own);
    if (gone.length === 0) return;
    void Promise.all(gone.map((leadId) => reassignedAway(db, userId, leadId, before?.get(leadId) ?? leadId, askHub))).then((found) => {
      pending.current.push(...found.filter((item) => item !== null));
      if (pending.current.length === 0 || timer.current !== null) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        const items = pending.current;
        pending.current = [];
        for (const text of reassignedAwayTexts(items)) toast('info', text);
      }, GROUP_WINDOW_MS);
    });
  }, [own, db, userId, toast]);

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );
  return own;
}

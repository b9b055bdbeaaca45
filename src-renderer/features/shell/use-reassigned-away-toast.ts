import { useEffect, useRef } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useReplica } from '../../app/ReplicaProvider';
import { useUiStore } from '../../app/ui-store';
import { crm } from '../../bridge/crm';
import { loadOwnOpenLeads, reassignedAwayText, vanishedLeads, type OwnLeads, type ReassignmentLookup } from './reassigned-away';

/** The hub's answer for a lead gone from the replica; any refusal or failure leaves the names unknown. */
const askHub: ReassignmentLookup = async (leadId) => {
  const answer = await crm().leadReassignment({ leadId });
  return answer.ok ? answer.value : null;
};

/** Watches the user's own open leads in the replica and says so when a supervisor takes one away. */
export function useReassignedAwayToast(userId: string): void {
  const { db } = useReplica();
  const toast = useUiStore((state) => state.toast);
  const own = useLiveQuery(() => loadOwnOpenLeads(db, userId), [db, userId]);
  const previous = useRef<OwnLeads>(null);

  useEffect(() => {
    if (own === undefined) return;
    const before = previous.current;
    previous.current = own;
    for (const leadId of vanishedLeads(before, own)) {
      const ref = before?.get(leadId) ?? leadId;
      void reassignedAwayText(db, userId, leadId, ref, askHub).then((text) => text && toast('info', text));
    }
  }, [own, db, userId, toast]);
}

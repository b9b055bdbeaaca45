import { useEffect, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Activity, Dealership, Lead, Message, User } from '../../../src-shared/contract/entities.schema';
import type { LeadDetail } from '../../../src-shared/contract/ipc.contract';
import { sortStages, type Stage } from '../../../src-shared/domain/stages';
import { useReplica } from '../../app/ReplicaProvider';
import { call, crm } from '../../bridge/crm';
import type { OutboxItem } from '../../db/replica-db';
import { errorText } from '../../ui/error-text';
import { mergeById, useLeadHistory, type LeadHistory } from './use-lead-history';
import { readLeads } from '../../db/lead-store';
import { readLeadHistory } from '../../db/history-store';

export interface LeadView {
  lead: Lead;
  /** True when the lead is not in the replica and was read from the hub: shown, not worked. */
  readOnly: boolean;
  messages: Message[];
  activities: Activity[];
  pending: OutboxItem[];
  /** Where the messages and activities shown come from (another lead's history is read from the hub). */
  history: LeadHistory;
  stages: Stage[];
  users: User[];
  dealership: Dealership | null;
}

/**
 * `gone`: the replica held the lead and no longer does (claimed by someone else, reassigned away): the form
 * closes, saying why from what the lead last was (`wasPool`: an unclaimed lead someone else took).
 */
export type LeadViewState =
  | { status: 'loading' }
  | { status: 'gone'; ref: string; wasPool: boolean }
  | { status: 'error'; message: string }
  | { status: 'ready'; view: LeadView };

const byCreatedAt = (a: { createdAt: string }, b: { createdAt: string }) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0);

/** The lead from the replica, live; a lead the replica does not hold is loaded once from the hub. */
export function useLeadView(leadId: string): LeadViewState {
  const { db } = useReplica();
  // undefined while the query runs; null when the replica does not hold the lead.
  const local = useLiveQuery(async () => (await readLeads(db)).get(leadId) ?? null, [db, leadId]);
  const localMessages = useLiveQuery(() => readLeadHistory(db, 'messages', leadId), [db, leadId], []);
  const localActivities = useLiveQuery(() => readLeadHistory(db, 'activities', leadId), [db, leadId], []);
  const pending = useLiveQuery(() => db.outbox.where('leadId').equals(leadId).sortBy('seq'), [db, leadId], []);
  const stages = useLiveQuery(() => db.stages.toArray(), [db], []);
  const users = useLiveQuery(() => db.users.toArray(), [db], []);
  const history = useLeadHistory(db, leadId, local === undefined ? undefined : local !== null);
  const dealershipId = local?.dealershipId ?? null;
  const [remote, setRemote] = useState<LeadDetail | null>(null);
  const [remoteError, setRemoteError] = useState<string | null>(null);
  const lastHeld = useRef<Lead | null>(null);
  if (local) lastHeld.current = local;
  const gone = local === null && lastHeld.current !== null;
  const lead = local ?? remote?.lead ?? null;
  const dealership = useLiveQuery(
    async () => (lead?.dealershipId ? ((await db.dealerships.get(lead.dealershipId)) ?? null) : null),
    [db, dealershipId, lead?.dealershipId],
    null,
  );

  useEffect(() => {
    if (local !== null || gone) return;
    let live = true;
    setRemoteError(null);
    call(crm().fetchLead({ leadId }))
      .then((detail) => live && setRemote(detail))
      .catch((error: unknown) => live && setRemoteError(errorText(error)));
    return () => {
      live = false;
    };
  }, [local, leadId, gone]);

  if (gone && lastHeld.current) return { status: 'gone', ref: lastHeld.current.ref, wasPool: lastHeld.current.userId === null };
  if (lead) {
    const fromReplica = local !== null && local !== undefined;
    const fetched = history.source === 'fetched' ? history.detail : null;
    return {
      status: 'ready',
      view: {
        lead,
        readOnly: !fromReplica,
        messages: [...(fromReplica ? mergeById(fetched?.messages ?? [], localMessages) : (remote?.messages ?? []))].sort(byCreatedAt),
        activities: fromReplica ? mergeById(fetched?.activities ?? [], localActivities) : (remote?.activities ?? []),
        pending,
        history,
        stages: sortStages(stages),
        users,
        dealership,
      },
    };
  }
  if (remoteError) return { status: 'error', message: remoteError };
  return { status: 'loading' };
}

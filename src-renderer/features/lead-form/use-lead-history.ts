import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Activity, Message } from '../../../src-shared/contract/entities.schema';
import type { LeadDetail } from '../../../src-shared/contract/ipc.contract';
import { useSessionStore } from '../../app/session-store';
import { call, crm } from '../../bridge/crm';
import type { ReplicaDb } from '../../db/replica-db';
import { readWholeLeads } from '../../db/whole-leads';

/**
 * Where a held lead's history comes from. The replica holds the whole history of the user's own leads
 * (see whole-leads.ts); another lead's history is read from the hub when its form opens.
 * - `local`: whole in the replica (or the lead is not held: the form reads it from the hub anyway);
 * - `loading`: being read from the hub;
 * - `fetched`: read from the hub, shown merged with what the replica holds;
 * - `missing`: not on this workstation and the hub cannot be reached.
 */
export type LeadHistory = { source: 'local' } | { source: 'loading' } | { source: 'fetched'; detail: LeadDetail } | { source: 'missing' };

/** `held`: the replica holds the lead (undefined while that is being read). */
export function useLeadHistory(db: ReplicaDb, leadId: string, held: boolean | undefined): LeadHistory {
  // undefined while the query runs
  const whole = useLiveQuery(async () => (await readWholeLeads(db)).has(leadId), [db, leadId]);
  const needed = held === true && whole === false;
  // Read again when the hub comes back: a history missing offline then shows without reopening the form.
  const online = useSessionStore((state) => state.session?.online ?? false);
  const [fetched, setFetched] = useState<{ leadId: string; detail: LeadDetail | null } | null>(null);

  useEffect(() => {
    if (!needed) return;
    let live = true;
    Promise.resolve()
      .then(() => call(crm().fetchLead({ leadId })))
      .then((detail) => live && setFetched({ leadId, detail }))
      .catch(() => live && setFetched({ leadId, detail: null }));
    return () => {
      live = false;
    };
  }, [needed, leadId, online]);

  if (!needed) return { source: 'local' };
  if (fetched?.leadId !== leadId) return { source: 'loading' };
  return fetched.detail ? { source: 'fetched', detail: fetched.detail } : { source: 'missing' };
}

/** The hub's rows with the replica's on top: what the replica holds (synced since) is newer. */
export function mergeById<T extends Message | Activity>(fromHub: readonly T[], local: readonly T[]): T[] {
  const byId = new Map(fromHub.map((row) => [row.id, row]));
  for (const row of local) byId.set(row.id, row);
  return [...byId.values()];
}

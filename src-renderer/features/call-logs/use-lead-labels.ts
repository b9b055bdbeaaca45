import { useEffect, useState } from 'react';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import { useReplica } from '../../app/ReplicaProvider';
import { call, crm } from '../../bridge/crm';

export interface LeadLabel {
  ref: string;
  customer: string;
}

/** Leads read from the hub this session, by id: a reference does not change, so one read per lead is enough. */
const fromHub = new Map<string, LeadLabel>();
const FETCH_CONCURRENCY = 4;

const labelOf = (lead: Lead): LeadLabel => ({ ref: lead.ref, customer: lead.customer.name });

/**
 * Reference and customer of each lead on a page of call logs: from the replica when it holds the lead, else
 * read once from the hub (a supervisor's call log may be on another agent's closed lead).
 */
export function useLeadLabels(leadIds: string[]): ReadonlyMap<string, LeadLabel> {
  const { db } = useReplica();
  const [labels, setLabels] = useState<ReadonlyMap<string, LeadLabel>>(new Map());
  const wanted = [...new Set(leadIds)].sort().join(',');

  useEffect(() => {
    let live = true;
    const ids = wanted ? wanted.split(',') : [];
    const found = new Map<string, LeadLabel>();
    const publish = () => live && setLabels(new Map(found));
    void (async () => {
      const local = await db.leads.bulkGet(ids);
      local.forEach((lead) => lead && found.set(lead.id, labelOf(lead)));
      for (const id of ids) {
        const cached = fromHub.get(id);
        if (cached && !found.has(id)) found.set(id, cached);
      }
      publish();
      const missing = ids.filter((id) => !found.has(id));
      const next = async (): Promise<void> => {
        const id = missing.shift();
        if (id === undefined || !live) return;
        try {
          const { lead } = await call(crm().fetchLead({ leadId: id }));
          fromHub.set(id, labelOf(lead));
          found.set(id, labelOf(lead));
          publish();
        } catch {
          // Shown as "Open lead": the row still opens it, and the form says what the hub answered.
        }
        return next();
      };
      await Promise.all(Array.from({ length: FETCH_CONCURRENCY }, next));
    })();
    return () => {
      live = false;
    };
  }, [db, wanted]);

  return labels;
}

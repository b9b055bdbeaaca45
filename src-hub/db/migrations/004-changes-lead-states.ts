/**
 * The change log by lead, state-changing rows only (created, claimed, reassigned, returned, closed, reopened):
 * a sync page reads the later states of the leads it touches with one index probe each (sync-plan.ts,
 * `changesLeadState`, is the predicate's twin).
 */
export const changesLeadStates = /* sql */ `
create index changes_lead_states on changes (lead_id, xid, seq)
  where entity = 'lead' and (existed is not true or old_user_id is distinct from new_user_id or old_closed is distinct from new_closed);
`;

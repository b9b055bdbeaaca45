/**
 * The change log by lead, holder changes only (claims, reassignments, returns to the pool): who held a lead
 * before its latest reassignment is then one index probe (GET /leads/:id/reassignment), not a scan of the log.
 */
export const changesByLeadHolder = /* sql */ `
create index changes_lead_holder on changes (lead_id, seq) where entity = 'lead' and old_user_id is distinct from new_user_id;
`;

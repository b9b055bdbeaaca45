/**
 * All Leads at a million leads (bench:all-leads): two filters the first indexes did not serve in order.
 * "Unassigned" (`user_id is null`, closed leads included, so `leads_pool` does not apply) by creation time,
 * and one agent's leads sorted by customer name.
 */
export const allLeadsIndexes = /* sql */ `
create index leads_unassigned on leads (created_at, id) where user_id is null;
create index leads_owner_customer on leads (user_id, lower(customer_name), id);
`;

/**
 * All Leads filtered by stage and sorted by customer (bench:all-leads' tour: "Stage: Qualified", then the
 * Customer header, then Next). With no index in that order PostgreSQL walked `leads_customer` (every lead by
 * name) and dropped the other stages' leads: at 1,000,000 leads, 3,334 of them Qualified, 8,298 index entries
 * and their heap rows for a page of 51, 166 ms with a cold cache (the tour's first such change took 628-1,076 ms
 * end to end) and 10-60 ms warm. By stage, then name, a page is 51 index entries: 0.9 ms (EXPLAIN ANALYZE).
 */
export const stageCustomerIndex = /* sql */ `
create index leads_stage_customer on leads (stage_id, lower(customer_name), id);
`;

/**
 * Unclaimed-lead alerts (issue 21, speed to lead): per brand, the minutes an unclaimed lead may wait before
 * supervisors and managers get a desktop notification. No row: no alert (off until a manager sets one).
 * Brands are free text on leads and dealerships, so a brand matches ignoring case, as the intake matcher does.
 */
export const unclaimedAlerts = /* sql */ `
create table unclaimed_alerts (
  brand text not null,
  after_minutes integer not null check (after_minutes between 1 and 1440),
  updated_at timestamptz not null,
  updated_by bigint references users(id)
);
create unique index unclaimed_alerts_brand on unclaimed_alerts (lower(brand));
`;

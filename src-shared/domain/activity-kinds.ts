export const ACTIVITY_TYPES = ['call', 'meeting', 'visit', 'task'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = {
  call: 'Call',
  meeting: 'Meeting',
  visit: 'Visit',
  task: 'Task',
};

/** Schedule Visit: an on-site visit at the customer's or one in the showroom. */
export const VISIT_KINDS = ['on_site', 'showroom'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

export const VISIT_KIND_LABELS: Record<VisitKind, string> = {
  on_site: 'On-site',
  showroom: 'Showroom',
};

export const MESSAGE_KINDS = ['note', 'call', 'tracking', 'system', 'error', 'duplicate'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

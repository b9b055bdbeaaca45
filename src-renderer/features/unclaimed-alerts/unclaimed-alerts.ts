import type { UnclaimedAlert } from '../../../src-shared/contract/config.schema';
import { FIELD_MAX } from '../../../src-shared/contract/fields.schema';
import { formatAge, formatDuration } from '../leads-board/lead-age';

/** What an alert tells of a lead: its reference and how long it has waited, nothing of the customer. */
export interface WaitingLead {
  id: string;
  ref: string;
  createdAt: string;
}

/** One brand's unclaimed leads past its threshold, oldest first. */
export interface OverdueBrand {
  brand: string;
  afterMinutes: number;
  leads: readonly WaitingLead[];
}

export interface UnclaimedNotification {
  title: string;
  body: string;
  /** The lead the notification is about (the oldest of several). */
  leadId: string;
  /** Every lead it covers: each is notified once. */
  leadIds: string[];
}

/** A brand's threshold, matching ignoring case as the hub does; undefined: the brand has no alert. */
export function thresholdsByBrand(alerts: readonly Pick<UnclaimedAlert, 'brand' | 'afterMinutes'>[]): (brand: string) => number | undefined {
  const byBrand = new Map(alerts.map((alert) => [alert.brand.toLowerCase(), alert.afterMinutes]));
  return (brand) => byBrand.get(brand.toLowerCase());
}

/** Unclaimed since before this instant (ISO, as the replica orders `createdAt`): waited longer than the threshold. */
export function alertCutoff(now: Date, afterMinutes: number): string {
  return new Date(now.getTime() - afterMinutes * 60_000).toISOString();
}

/**
 * The notifications to show now: per brand, the overdue leads not notified yet, one notification for one lead
 * and one summary for several (a sign-in with a backlog must not raise a notification per lead). The text
 * names the lead's reference, brand and wait, never the customer: a desktop notification may show on a locked
 * or shared screen.
 */
export function unclaimedNotifications(overdue: readonly OverdueBrand[], notified: ReadonlySet<string>, now: Date): UnclaimedNotification[] {
  const notifications: UnclaimedNotification[] = [];
  for (const { brand, afterMinutes, leads } of overdue) {
    const fresh = leads.filter((lead) => !notified.has(lead.id));
    const oldest = fresh[0];
    if (!oldest) continue;
    const wait = formatAge(oldest.createdAt, now);
    const limit = formatDuration(afterMinutes * 60_000);
    const title =
      fresh.length === 1 ? `Unclaimed for ${wait} · ${brand}` : `${fresh.length.toLocaleString()} unclaimed leads waiting over ${limit} · ${brand}`;
    const body =
      fresh.length === 1
        ? `${oldest.ref} is waiting in Open Leads (alert after ${limit}).`
        : `The oldest, ${oldest.ref}, has waited ${wait}. They are waiting in Open Leads.`;
    notifications.push({ title: title.slice(0, FIELD_MAX.label), body: body.slice(0, FIELD_MAX.activitySummary), leadId: oldest.id, leadIds: fresh.map((lead) => lead.id) });
  }
  return notifications;
}

import { ACTIVITY_TYPE_LABELS, VISIT_KIND_LABELS, type ActivityType, type VisitKind } from '../../../src-shared/domain/activity-kinds';
import type { Database } from '../../db/database';
import { queueMail } from './mail-outbox.repo';
import { activityReminderMail } from './mail-templates';

interface DueActivityRow extends Record<string, unknown> {
  id: string;
  lead_id: string;
  type: ActivityType;
  visit_kind: VisitKind | null;
  summary: string;
  due_at: Date;
  assignee_name: string;
  assignee_email: string | null;
  assignee_active: boolean;
  ref: string;
  customer_name: string;
  customer_phone: string | null;
}

/**
 * Activities that fell due get one reminder e-mail to their assignee. `reminder_queued_at` is set in the
 * same statement that picks them (skipping rows another hub process holds), so each is reminded once; the
 * mail is queued in the same transaction. The column is not part of the synced activity, so no change row.
 * Answers how many reminders were queued.
 */
export async function queueDueReminders(db: Database, now: Date, limit: number, timeZone: string): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx.query<DueActivityRow>(
      `with due as (
         select a.id from activities a where not a.done and a.reminder_queued_at is null and a.due_at <= $1
          order by a.due_at, a.id limit $2 for update skip locked
       ), marked as (
         update activities a set reminder_queued_at = $1 from due where a.id = due.id
         returning a.id, a.lead_id, a.user_id, a.type, a.visit_kind, a.summary, a.due_at
       )
       select m.id, m.lead_id, m.type, m.visit_kind, m.summary, m.due_at, u.name as assignee_name, u.email as assignee_email,
              u.active as assignee_active, l.ref, l.customer_name, l.customer_phone
         from marked m join users u on u.id = m.user_id join leads l on l.id = m.lead_id
        order by m.due_at, m.id`,
      [now, limit],
    );
    let queued = 0;
    for (const activity of due) {
      if (!activity.assignee_email || !activity.assignee_active) continue;
      const label = activity.type === 'visit' && activity.visit_kind ? `${VISIT_KIND_LABELS[activity.visit_kind]} visit` : ACTIVITY_TYPE_LABELS[activity.type];
      const mail = activityReminderMail({
        assigneeName: activity.assignee_name,
        activityLabel: label,
        summary: activity.summary,
        dueAt: new Date(activity.due_at),
        leadRef: activity.ref,
        customerName: activity.customer_name,
        customerPhone: activity.customer_phone,
        timeZone,
      });
      await queueMail(tx, { ...mail, kind: 'activity_reminder', leadId: activity.lead_id, to: activity.assignee_email }, now);
      queued++;
    }
    return queued;
  });
}

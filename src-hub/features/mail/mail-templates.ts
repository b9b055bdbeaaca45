/** The hub's e-mails as plain text. Pure: the callers gather the facts, the worker sends. */

export interface MailContent {
  subject: string;
  body: string;
}

/** A subject is one header line: line breaks from stored text never reach it. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}

const orNone = (value: string | null | undefined): string => (value && value.trim() ? value.trim() : '(none)');

export interface WonMailFacts {
  leadRef: string;
  customerName: string;
  customerPhone: string | null;
  customerEmail: string | null;
  vehicleModel: string;
  brand: string;
  soName: string;
  dealershipName: string;
  agentName: string;
}

/** The dealership manager's notice of a Won lead (DESIGN.md §5 step 3). */
export function wonManagerMail(facts: WonMailFacts): MailContent {
  return {
    subject: oneLine(`Sales Order ${facts.soName} — ${facts.leadRef} won: ${facts.customerName}, ${facts.vehicleModel} (agent ${facts.agentName})`),
    body: [
      `A lead was won and Sales Order ${facts.soName} was created on ${facts.dealershipName}.`,
      '',
      `Lead reference: ${facts.leadRef}`,
      `Customer: ${facts.customerName}`,
      `Phone: ${orNone(facts.customerPhone)}`,
      `E-mail: ${orNone(facts.customerEmail)}`,
      `Vehicle: ${facts.brand} ${facts.vehicleModel}`,
      `Sales Order: ${facts.soName}`,
      `Agent: ${facts.agentName}`,
      '',
      'The customer is expecting contact from the dealership.',
    ].join('\n'),
  };
}

export interface ReminderFacts {
  assigneeName: string;
  activityLabel: string;
  summary: string;
  dueAt: Date;
  leadRef: string;
  customerName: string;
  customerPhone: string | null;
  /** The floor's time zone: an e-mail is read away from the app, so its times say their zone. */
  timeZone: string;
}

const floorTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** "2026-11-23 17:00 Asia/Manila" (or "… UTC"): a moment as the floor's clocks show it, with the zone named. */
export function floorTime(instant: Date, timeZone: string): string {
  let format = floorTimeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    floorTimeFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((item) => item.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} ${timeZone}`;
}

/** An activity that fell due: one reminder to its assignee. */
export function activityReminderMail(facts: ReminderFacts): MailContent {
  const due = floorTime(facts.dueAt, facts.timeZone);
  return {
    subject: oneLine(`Reminder: ${facts.activityLabel} due ${due} — ${facts.leadRef} ${facts.customerName}`),
    body: [
      `Hello ${facts.assigneeName},`,
      '',
      `Your ${facts.activityLabel.toLowerCase()} on lead ${facts.leadRef} is due (${due}):`,
      facts.summary,
      '',
      `Customer: ${facts.customerName}`,
      `Phone: ${orNone(facts.customerPhone)}`,
      '',
      'Open the lead in BPO CRM to work it and mark the activity done.',
    ].join('\n'),
  };
}

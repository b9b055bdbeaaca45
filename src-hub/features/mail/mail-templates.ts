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
}

const utc = (time: Date): string => `${time.toISOString().replace('T', ' ').slice(0, 16)} UTC`;

/** An activity that fell due: one reminder to its assignee. */
export function activityReminderMail(facts: ReminderFacts): MailContent {
  return {
    subject: oneLine(`Reminder: ${facts.activityLabel} due ${utc(facts.dueAt)} — ${facts.leadRef} ${facts.customerName}`),
    body: [
      `Hello ${facts.assigneeName},`,
      '',
      `Your ${facts.activityLabel.toLowerCase()} on lead ${facts.leadRef} is due (${utc(facts.dueAt)}):`,
      facts.summary,
      '',
      `Customer: ${facts.customerName}`,
      `Phone: ${orNone(facts.customerPhone)}`,
      '',
      'Open the lead in BPO CRM to work it and mark the activity done.',
    ].join('\n'),
  };
}

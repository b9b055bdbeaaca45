import type { HubConfig } from '../../hub-context';

export const DEFAULT_MAIL_FROM = 'BPO CRM <no-reply@bpo-crm.invalid>';
export const DEFAULT_MAIL_POLL_MS = 5_000;

/** The SMTP server the outbox sends through, or null when none is configured. */
export function smtpUrlOf(config: HubConfig): string | null {
  if (config.smtpUrl !== undefined) return config.smtpUrl || null;
  return process.env['SMTP_URL'] || null;
}

export function mailFromOf(config: HubConfig): string {
  return config.mailFrom ?? (process.env['MAIL_FROM'] || DEFAULT_MAIL_FROM);
}

/** Is this a time zone name the runtime knows (an IANA name such as "Asia/Manila", or "UTC")? */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The zone e-mails write times in; a name the runtime does not know is refused, naming the setting. */
export function floorTimeZoneOf(config: HubConfig): string {
  const zone = config.floorTimeZone ?? (process.env['FLOOR_TIME_ZONE'] || 'UTC');
  if (!isTimeZone(zone)) throw new Error(`FLOOR_TIME_ZONE: "${zone}" is not a time zone name; use an IANA name such as Asia/Manila, or UTC.`);
  return zone;
}

/**
 * Where queued mails go: an SMTP server; the local mailbox (training/demo without SMTP: the outbox table
 * itself is the mailbox and mails are marked sent there); or nowhere yet (they wait, queued, until a
 * mailer is configured — nothing is lost).
 */
export type MailDelivery = 'smtp' | 'local' | 'none';

export function mailDeliveryOf(config: HubConfig): MailDelivery {
  if (smtpUrlOf(config)) return 'smtp';
  return config.demo ? 'local' : 'none';
}

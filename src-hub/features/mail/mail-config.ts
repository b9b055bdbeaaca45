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

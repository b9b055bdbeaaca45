import nodemailer from 'nodemailer';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
}

/** How the worker hands a mail to the world. Resolves when the server accepted it; rejects otherwise. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** SMTP through nodemailer. Timeouts are short: a tick must not hang on a dead server. */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({ url, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 });
  return {
    async send(mail) {
      await transporter.sendMail(mail);
    },
    close: () => transporter.close(),
  };
}

/** An SMTP error as a person reads it, without the server's password should the URL carry one. */
export function describeSmtpError(error: unknown, url: string | null): string {
  let text = error instanceof Error ? error.message : String(error);
  try {
    const password = url ? decodeURIComponent(new URL(url).password) : '';
    if (password) text = text.split(password).join('***');
  } catch {
    // not a URL: nothing to hide
  }
  return text.trim() || 'The SMTP server refused the mail without a reason.';
}

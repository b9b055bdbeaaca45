import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailOutboxPage } from '../../../src-shared/contract/config.schema';
import type { HubConfig } from '../../hub-context';
import { DEFAULT_CONFIG } from '../../server';
import { FEATURE_BACKENDS, api, createUser, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { chatter, claimedLead, createDealership, markWon } from '../won/won.fixture';
import { queueMail } from './mail-outbox.repo';
import type { RetryPolicy } from './mail-retry';
import { MailWorker } from './mail-worker';
import { bodyText, startTestSmtpServer, type TestSmtpServer } from './smtp-test-server.fixture';

const RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 60_000 };
/** The worker logs a mail that failed for good as an error: expected here. */
const silent = { info: () => undefined, error: () => undefined };

interface OutboxRow extends Record<string, unknown> {
  id: string;
  to_address: string;
  subject: string;
  status: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
  sent_at: Date | null;
}

describe.each(FEATURE_BACKENDS)('mail outbox on %s', (backend) => {
  let env: TestHub;
  let smtp: TestSmtpServer;
  let agent: Awaited<ReturnType<typeof createUser>>;
  let manager: Awaited<ReturnType<typeof createUser>>;
  let dealershipId: string;

  const worker = (config: Partial<HubConfig> = {}) =>
    new MailWorker({ db: env.db, clock: env.clock, config: { ...DEFAULT_CONFIG, smtpUrl: smtp.url, mailFrom: 'crm@bpo.example', ...config }, log: silent }, { retry: RETRY });
  const mailsOf = (leadId: string) => env.db.query<OutboxRow>('select * from mail_outbox where lead_id = $1 order by id', [leadId]);
  const mailById = async (id: string) => (await env.db.query<OutboxRow>('select * from mail_outbox where id = $1', [id]))[0];
  const queue = (to: string) => env.db.transaction((tx) => queueMail(tx, { kind: 'won_manager', leadId: null, to, subject: `Test to ${to}`, body: 'Hello' }, env.clock.now()));

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    env = await startTestHub(backend, { smtpUrl: smtp.url, mailPollMs: 0 });
    agent = await createUser(env.db, 'agent', 'agent', 'Maria Santos');
    manager = await createUser(env.db, 'manager', 'manager');
    dealershipId = (await createDealership(env, manager.token, { name: 'Metro Toyota', managerEmail: 'boss@metrotoyota.example', url: 'http://127.0.0.1:9', apiKey: 'k-0123456789' })).id;
  });
  afterAll(async () => {
    await env.close();
    await smtp.close();
  });

  it('sends the Won e-mail to the dealership manager over SMTP and marks it sent', async () => {
    smtp.fault = 'none';
    const lead = await claimedLead(env, agent.token, dealershipId);
    await markWon(env, agent.token, lead.id, 'S00077');
    expect((await chatter(env, agent.token, lead.id)).some((message) => message.body.includes('not notified'))).toBe(false);
    expect((await worker().tick()).sent).toBeGreaterThanOrEqual(1);
    const mail = smtp.received.find((item) => item.to.includes('boss@metrotoyota.example') && item.raw.includes('S00077'));
    expect(mail?.from).toBe('crm@bpo.example');
    const text = bodyText(mail?.raw ?? '');
    for (const fact of [lead.ref, 'S00077', 'Maria Santos', 'Vios', 'Metro Toyota']) expect(text).toContain(fact);
    const [row] = await mailsOf(lead.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(row?.sent_at?.getTime()).toBe(env.clock.now().getTime());
  });

  it('retries a mail the server rejects at RCPT with backoff, then marks it failed with the last error', async () => {
    smtp.fault = 'reject_rcpt';
    const id = await queue('nobody@dealer.example');
    const mailer = worker();
    await mailer.tick();
    let row = await mailById(id);
    expect(row).toMatchObject({ status: 'retrying', attempts: 1 });
    expect(row?.last_error).toContain('550');
    expect(row?.next_attempt_at.getTime()).toBe(env.clock.now().getTime() + 1000);
    await mailer.tick();
    expect((await mailById(id))?.attempts).toBe(1);
    env.clock.advance(1000);
    await mailer.tick();
    row = await mailById(id);
    expect(row).toMatchObject({ status: 'retrying', attempts: 2 });
    expect(row?.next_attempt_at.getTime()).toBe(env.clock.now().getTime() + 2000);
    env.clock.advance(2000);
    await mailer.tick();
    row = await mailById(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    expect(row?.last_error).toContain('550');
    smtp.fault = 'none';
    env.clock.advance(3_600_000);
    await mailer.tick();
    expect(await mailById(id)).toMatchObject({ status: 'failed', attempts: 3 });
    await mailer.stop();

    const page = await api(env.url, manager.token).get<MailOutboxPage>('/mail-outbox?status=failed');
    expect(page.status).toBe(200);
    expect(page.body.items).toContainEqual(expect.objectContaining({ id, to: 'nobody@dealer.example', status: 'failed', attempts: 3, lastError: expect.stringContaining('550') }));
  });

  it('retries a mail the server rejects at DATA', async () => {
    smtp.fault = 'reject_data';
    const id = await queue('spam-trap@dealer.example');
    await worker().tick();
    const row = await mailById(id);
    expect(row).toMatchObject({ status: 'retrying', attempts: 1 });
    expect(row?.last_error).toContain('554');
    smtp.fault = 'none';
    env.clock.advance(1000);
    await worker().tick();
    expect(await mailById(id)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
  });

  it('queues one reminder when an activity falls due, to its assignee, and never twice', async () => {
    smtp.fault = 'none';
    const lead = await claimedLead(env, agent.token, dealershipId);
    const dueAt = new Date(env.clock.now().getTime() + 3_600_000).toISOString();
    const a = api(env.url, agent.token);
    expect((await a.post(`/leads/${lead.id}/activities`, { type: 'visit', visitKind: 'showroom', summary: 'Test drive of the Vios', dueAt })).status).toBe(201);
    const done = await a.post<{ id: string }>(`/leads/${lead.id}/activities`, { type: 'call', summary: 'Already done', dueAt });
    expect((await a.post(`/activities/${done.body.id}/done`)).status).toBe(200);
    const mailer = worker();
    await mailer.tick();
    expect(await mailsOf(lead.id)).toHaveLength(0);
    env.clock.advance(3_600_000);
    expect((await mailer.tick()).reminders).toBe(1);
    env.clock.advance(3_600_000);
    await mailer.tick();
    const mails = await mailsOf(lead.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to_address: 'agent@bpo.example', status: 'sent' });
    expect(mails[0]?.subject).toContain('Reminder: Showroom visit due');
    expect(mails[0]?.subject).toContain(lead.ref);
    const reminded = await env.db.query<{ reminder_queued_at: Date | null; done: boolean }>('select reminder_queued_at, done from activities where lead_id = $1 order by id', [lead.id]);
    expect(reminded.map((row) => [row.done, row.reminder_queued_at !== null])).toEqual([
      [false, true],
      [true, false],
    ]);
  });

  it('without SMTP: training keeps mails in the local mailbox as sent; otherwise they wait, queued', async () => {
    const local = await queue('local@dealer.example');
    await worker({ smtpUrl: null, demo: true }).tick();
    expect(await mailById(local)).toMatchObject({ status: 'sent', attempts: 1 });
    const waiting = await queue('waiting@dealer.example');
    await worker({ smtpUrl: null, demo: false }).tick();
    expect(await mailById(waiting)).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('GET /mail-outbox: managers only, newest first, filtered and paged', async () => {
    expect((await api(env.url, agent.token).get('/mail-outbox')).status).toBe(403);
    const m = api(env.url, manager.token);
    const first = await m.get<MailOutboxPage>('/mail-outbox?limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).not.toBeNull();
    const second = await m.get<MailOutboxPage>(`/mail-outbox?limit=200&cursor=${first.body.nextCursor}`);
    const all = [...first.body.items, ...second.body.items];
    expect(new Set(all.map((item) => item.id)).size).toBe(all.length);
    expect(all.map((item) => Number(item.id))).toEqual([...all.map((item) => Number(item.id))].sort((x, y) => y - x));
    const queued = await m.get<MailOutboxPage>('/mail-outbox?status=queued');
    expect(queued.body.items.every((item) => item.status === 'queued')).toBe(true);
    expect((await m.get('/mail-outbox?status=lost')).status).toBe(400);
  });
});

describe.each(FEATURE_BACKENDS)('mail worker in the running hub on %s', (backend) => {
  it('startHub runs the worker on its interval and writes no "mailer not configured" entry in training mode', async () => {
    const smtp = await startTestSmtpServer();
    const withSmtp = await startTestHub(backend, { smtpUrl: smtp.url, mailPollMs: 20 });
    const training = await startTestHub(backend, { smtpUrl: null, demo: true, mailPollMs: 0 });
    try {
      for (const env of [withSmtp, training]) {
        const agent = await createUser(env.db, 'agent', 'agent');
        const manager = await createUser(env.db, 'manager', 'manager');
        const dealer = await createDealership(env, manager.token, { managerEmail: 'boss@dealer.example', url: 'http://127.0.0.1:9', apiKey: 'k-0123456789' });
        const lead = await claimedLead(env, agent.token, dealer.id);
        await markWon(env, agent.token, lead.id, 'S00099');
        expect((await chatter(env, agent.token, lead.id)).some((message) => message.body.includes('not notified'))).toBe(false);
      }
      const deadline = Date.now() + 5000;
      while (smtp.received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(smtp.received.map((mail) => mail.to)).toEqual([['boss@dealer.example']]);
    } finally {
      await withSmtp.close();
      await training.close();
      await smtp.close();
    }
  });
});

import { describe, expect, it, vi } from 'vitest';
import { CRM_METHOD_CHANNELS } from '../../src-shared/contract/crm-api';
import { IPC_CHANNELS } from '../../src-shared/contract/ipc.contract';
import { exampleLead, exampleUser } from '../../src-shared/contract/contract-examples.fixture';
import { AppFailure } from './app-failure';
import { createIpcDispatcher, type IpcHandlers } from './ipc-dispatcher';
import { trustOrigins } from '../security/trusted-sender';

function handlers(): IpcHandlers & Record<string, ReturnType<typeof vi.fn>> {
  return {
    'app:info': vi.fn(async () => ({ version: '1', platform: 'linux' })),
    'auth:sign-in': vi.fn(async () => exampleUser),
    'auth:sign-out': vi.fn(async () => undefined),
    'auth:session': vi.fn(async () => null),
    'leads:claim': vi.fn(async () => exampleLead),
    'sync:pull': vi.fn(async () => ({})),
  } as unknown as IpcHandlers & Record<string, ReturnType<typeof vi.fn>>;
}

const trusted = trustOrigins({ fileRoot: '/opt/bpo-crm/resources/app/out/renderer', httpOrigin: 'http://127.0.0.1:5173', platform: 'linux' });
const APP = 'file:///opt/bpo-crm/resources/app/out/renderer/index.html';

describe('IPC dispatcher', () => {
  it('refuses a foreign sender before any handler runs', async () => {
    const h = handlers();
    const dispatch = createIpcDispatcher(h, { isTrustedSender: trusted, logError: () => undefined });
    for (const sender of ['https://evil.example/', 'file:///tmp/evil.html', 'http://127.0.0.1:5174/', '', 'not a url']) {
      const result = await dispatch('leads:claim', { leadId: '1' }, sender);
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
    expect(h['leads:claim']).not.toHaveBeenCalled();
  });

  it('refuses malformed arguments with a message naming the field, and unknown channels', async () => {
    const h = handlers();
    const dispatch = createIpcDispatcher(h, { isTrustedSender: trusted, logError: () => undefined });
    const bad = await dispatch('leads:claim', { leadId: '' }, APP);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(bad.ok ? '' : bad.error.message).toContain('leadId');
    expect(await dispatch('leads:claim', { leadId: '1', extra: true }, APP)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch('leads:claim', 'DROP TABLE', APP)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch('fs:read', {}, APP)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Unknown channel fs:read.' } });
    expect(await dispatch('__proto__', {}, APP)).toMatchObject({ ok: false });
    expect(h['leads:claim']).not.toHaveBeenCalled();
  });

  it('passes parsed input to the handler and answers a Result', async () => {
    const h = handlers();
    const dispatch = createIpcDispatcher(h, { isTrustedSender: trusted, logError: () => undefined });
    expect(await dispatch('leads:claim', { leadId: '42' }, 'http://127.0.0.1:5173/#/pipeline')).toEqual({ ok: true, value: exampleLead });
    expect(h['leads:claim']).toHaveBeenCalledWith({ leadId: '42' });
  });

  it('turns refusals into their error and anything else into internal, logged', async () => {
    const h = handlers();
    h['leads:claim'] = vi.fn(async () => {
      throw AppFailure.of('already_claimed', 'Someone else has already claimed this lead.');
    });
    h['app:info'] = vi.fn(async () => {
      throw new Error('disk on fire');
    });
    const logged: unknown[] = [];
    const dispatch = createIpcDispatcher(h, { isTrustedSender: trusted, logError: (_channel, error) => logged.push(error) });
    expect(await dispatch('leads:claim', { leadId: '1' }, APP)).toEqual({ ok: false, error: { code: 'already_claimed', message: 'Someone else has already claimed this lead.' } });
    const internal = await dispatch('app:info', undefined, APP);
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(internal)).not.toContain('disk on fire');
    expect(logged).toHaveLength(1);
  });

  it('every channel has exactly one window.crm method', () => {
    expect([...CRM_METHOD_CHANNELS].sort()).toEqual([...IPC_CHANNELS].sort());
  });
});

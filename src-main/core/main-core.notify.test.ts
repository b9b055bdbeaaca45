import { describe, expect, it, vi } from 'vitest';
import { createIpcDispatcher } from '../ipc/ipc-dispatcher';
import { MainCore, type MainCoreOptions } from './main-core';

function core(notify?: MainCoreOptions['notify']) {
  const options: MainCoreOptions = {
    appInfo: { version: 'test', platform: 'linux' },
    sessionStore: { read: () => null, write: () => undefined, clear: () => undefined },
    replica: { cursor: async () => null, apply: async () => undefined, reset: async () => undefined },
    emit: () => undefined,
    periodicPullMs: 0,
    ...(notify ? { notify } : {}),
  };
  return createIpcDispatcher(new MainCore(options).handlers, { isTrustedSender: () => true, logError: () => undefined });
}

describe('notifications:show', () => {
  it('hands the parsed notification to the adapter', async () => {
    const notify = vi.fn();
    const dispatch = core(notify);
    const input = { title: 'Call due · LEAD/2026/00042', body: 'Maria Lopez — Call back', leadId: 'lead-1' };
    expect(await dispatch('notifications:show', input, 'app://renderer')).toEqual({ ok: true, value: {} });
    expect(notify).toHaveBeenCalledWith(input);
  });

  it('is a no-op without an adapter, and refuses a malformed notification', async () => {
    const dispatch = core();
    expect(await dispatch('notifications:show', { title: 'Due', body: '', leadId: 'lead-1' }, 'app://renderer')).toEqual({ ok: true, value: {} });
    const refused = await dispatch('notifications:show', { title: '', body: 'x', leadId: 'lead-1', extra: 1 }, 'app://renderer');
    expect(refused.ok).toBe(false);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UpdateState } from '../../src-shared/contract/ipc.contract';
import { AppUpdates, updateFeedUrl, type UpdaterPort } from './app-updates';

function setup(busy: string | null = null, check: () => Promise<void> = async () => undefined) {
  const updater = { setFeed: vi.fn(), check: vi.fn(check), quitAndInstall: vi.fn() } satisfies UpdaterPort;
  const states: UpdateState[] = [];
  const logError = vi.fn();
  let reason = busy;
  const updates = new AppUpdates({ updater, emit: (state) => states.push(state), busyReason: () => reason, logError, checkEveryMs: 60_000 });
  return { updates, updater, states, logError, setBusy: (value: string | null) => (reason = value) };
}

afterEach(() => vi.useRealTimers());

describe('app updates from the hub', () => {
  it("reads the signed-in hub's feed at once and every few hours", () => {
    vi.useFakeTimers();
    const { updates, updater } = setup();
    updates.watch('https://hub.floor.example/');
    expect(updater.setFeed).toHaveBeenCalledWith('https://hub.floor.example/api/v1/updates');
    expect(updateFeedUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/api/v1/updates');
    expect(updater.check).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000 * 3);
    expect(updater.check).toHaveBeenCalledTimes(4);
    updates.stop();
    vi.advanceTimersByTime(60_000 * 3);
    expect(updater.check).toHaveBeenCalledTimes(4);
  });

  it('shows the download, then offers the restart; restarts only when asked', () => {
    const { updates, updater, states } = setup();
    updates.available('1.4.0');
    updates.progress(41.6);
    updates.downloaded('1.4.0');
    expect(states).toEqual([
      { status: 'downloading', version: '1.4.0', percent: 0 },
      { status: 'downloading', version: '1.4.0', percent: 42 },
      { status: 'ready', version: '1.4.0' },
    ]);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    updates.restart();
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1);
  });

  it('never restarts during a Won push, nor before an update is downloaded', () => {
    const { updates, updater, setBusy } = setup('a Sales Order is being created on the dealer (LEAD/2026/00042).');
    expect(() => updates.restart()).toThrow('No update has been downloaded yet.');
    updates.downloaded('1.4.0');
    expect(() => updates.restart()).toThrow('Restart after that: a Sales Order is being created on the dealer (LEAD/2026/00042).');
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    setBusy(null);
    updates.restart();
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1);
  });

  it('keeps a failed check or download quiet for the floor (logged), and a ready update ready', async () => {
    const { updates, states, logError } = setup(null, async () => {
      throw new Error('Cannot find channel "latest.yml" update info: HttpError: 404');
    });
    updates.watch('https://hub.floor.example');
    await vi.waitFor(() => expect(logError).toHaveBeenCalledWith('update check or download failed', expect.any(Error)));
    expect(states).toEqual([]);
    updates.available('1.5.0');
    updates.failed(new Error('download cut'));
    expect(states.at(-1)).toEqual({ status: 'none' });
    updates.downloaded('1.5.0');
    updates.failed(new Error('a later check failed'));
    expect(updates.current()).toEqual({ status: 'ready', version: '1.5.0' });
    updates.stop();
  });
});

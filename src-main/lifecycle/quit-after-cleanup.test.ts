import { describe, expect, it, vi } from 'vitest';
import { quitAfterCleanup } from './quit-after-cleanup';

function beforeQuit(listener: (event: { preventDefault(): void }) => void): boolean {
  let prevented = false;
  listener({ preventDefault: () => void (prevented = true) });
  return prevented;
}

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('quitting waits for cleanup', () => {
  it('holds the first quit until cleanup is done, then quits once, and that quit goes through', async () => {
    const stopped = deferred();
    const quit = vi.fn();
    const listener = quitAfterCleanup({ cleanup: () => stopped.promise, limitMs: 60_000, quit, logError: vi.fn() });
    expect(beforeQuit(listener)).toBe(true);
    expect(beforeQuit(listener)).toBe(true); // a second Quit while the hub stops: still held, no second cleanup
    await new Promise((tick) => setTimeout(tick, 20));
    expect(quit).not.toHaveBeenCalled();
    stopped.resolve();
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
    expect(beforeQuit(listener)).toBe(false);
  });

  it('quits anyway when cleanup hangs past the limit, and says so', async () => {
    const quit = vi.fn();
    const logError = vi.fn();
    const listener = quitAfterCleanup({ cleanup: () => new Promise(() => undefined), limitMs: 30, quit, logError });
    beforeQuit(listener);
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
    expect(logError).toHaveBeenCalledWith(expect.stringContaining('did not finish within 30 ms'), null);
  });

  it('quits anyway when cleanup fails, and logs the failure', async () => {
    const quit = vi.fn();
    const logError = vi.fn();
    const failure = new Error('database busy');
    beforeQuit(quitAfterCleanup({ cleanup: () => Promise.reject(failure), limitMs: 60_000, quit, logError }));
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
    expect(logError).toHaveBeenCalledWith(expect.stringContaining('failed'), failure);
  });
});

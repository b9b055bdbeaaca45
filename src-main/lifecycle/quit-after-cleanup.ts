export interface QuitAfterCleanupOptions {
  /** Stops what must not be cut off mid-write (the embedded training hub's database). */
  cleanup: () => Promise<void>;
  /** The longest the app waits for it: a hung stop must not keep the app from quitting. */
  limitMs: number;
  /** Quits again once cleanup is over (Electron: app.quit). */
  quit: () => void;
  logError: (message: string, error: unknown) => void;
}

/**
 * A `before-quit` listener: the first quit is held (preventDefault) until cleanup finishes or the limit
 * passes, then the app quits again, and that quit goes through. Quits asked for meanwhile are held too.
 */
export function quitAfterCleanup(options: QuitAfterCleanupOptions): (event: { preventDefault(): void }) => void {
  let state: 'running' | 'cleaning' | 'done' = 'running';
  return (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'cleaning') return;
    state = 'cleaning';
    void withLimit(options.cleanup, options.limitMs)
      .then((finished) => {
        if (!finished) options.logError(`cleanup did not finish within ${options.limitMs} ms; quitting anyway`, null);
      })
      .catch((error: unknown) => options.logError('cleanup failed; quitting anyway', error))
      .finally(() => {
        state = 'done';
        options.quit();
      });
  };
}

/** True when `work` settled in time; a failure of `work` is passed on. */
async function withLimit(work: () => Promise<void>, limitMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work().then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), limitMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

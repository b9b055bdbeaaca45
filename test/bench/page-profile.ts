import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** What a bench's page profile traces unless told otherwise (a Chromium trace of the page's main work). */
export const PAGE_TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'v8', 'IndexedDB'];

export interface PageProfileOptions {
  /** Where the CPU profile goes (a .cpuprofile, for Chrome's DevTools or a script). */
  profilePath: string;
  /** A Chromium trace beside it, when given. */
  tracePath?: string | undefined;
  traceCategories?: readonly string[];
  /** The sampling interval in microseconds (200 by default). */
  intervalUs?: number;
}

/** The debugging protocol's Profiler, as a page's CDP session and Node's inspector session both speak it. */
interface ProfilerSession {
  send(method: 'Profiler.enable' | 'Profiler.start' | 'Profiler.stop' | 'Profiler.setSamplingInterval', params?: { interval: number }): Promise<unknown>;
}

/**
 * Samples until `stop()`, which writes the CPU profile to `path` after `beforeWrite` (stopping a trace), then runs
 * `afterWrite` (closing the session); stopping twice writes once.
 */
async function profileUntilStopped(session: ProfilerSession, intervalUs: number, path: string, beforeWrite: () => Promise<void>, afterWrite: () => Promise<void>): Promise<{ stop(): Promise<void> }> {
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.send('Profiler.start');
  let stopped = false;
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      const { profile } = (await session.send('Profiler.stop')) as { profile: unknown };
      await beforeWrite();
      writeFileSync(path, JSON.stringify(profile));
      await afterWrite();
    },
  };
}

/**
 * The page's CPU profile (and a Chromium trace) from now until `stop()`, which writes it; stopping twice writes once.
 * The benches' switches (SYNC_PROFILE, ALL_LEADS_PROFILE, BOARD_PROFILE) start one around what they time.
 */
export async function startPageProfile(page: Page, options: PageProfileOptions): Promise<{ stop(): Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  const tracer = options.tracePath !== undefined ? page.context().browser() : null;
  if (tracer) await tracer.startTracing(page, { path: options.tracePath, categories: [...(options.traceCategories ?? PAGE_TRACE_CATEGORIES)] });
  const stopTrace = async () => {
    if (tracer) await tracer.stopTracing();
  };
  return profileUntilStopped({ send: (method, params) => cdp.send(method, params) }, options.intervalUs ?? 200, options.profilePath, stopTrace, () => cdp.detach());
}

/**
 * This Node process's CPU profile (the harness and main's stand-in) from now until `stop()`, which writes it to
 * `path`: what the bench's own process spends while the page works (SYNC_NODE_PROFILE).
 */
export async function startNodeProfile(path: string): Promise<{ stop(): Promise<void> }> {
  const { Session } = await import('node:inspector/promises');
  const inspector = new Session();
  inspector.connect();
  return profileUntilStopped({ send: (method, params) => inspector.post(method, params) }, 500, path, async () => undefined, async () => inspector.disconnect());
}

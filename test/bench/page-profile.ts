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

/**
 * The page's CPU profile (and a Chromium trace) from now until `stop()`, which writes it; stopping twice writes once.
 * The benches' switches (SYNC_PROFILE, ALL_LEADS_PROFILE, BOARD_PROFILE) start one around what they time.
 */
export async function startPageProfile(page: Page, options: PageProfileOptions): Promise<{ stop(): Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  const tracer = options.tracePath !== undefined ? page.context().browser() : null;
  if (tracer) await tracer.startTracing(page, { path: options.tracePath, categories: [...(options.traceCategories ?? PAGE_TRACE_CATEGORIES)] });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: options.intervalUs ?? 200 });
  await cdp.send('Profiler.start');
  let stopped = false;
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      const { profile } = await cdp.send('Profiler.stop');
      if (tracer) await tracer.stopTracing();
      writeFileSync(options.profilePath, JSON.stringify(profile));
      await cdp.detach();
    },
  };
}

/**
 * This Node process's CPU profile (the harness and main's stand-in) from now until `stop()`, which writes it to
 * `path`: what the bench's own process spends while the page works (SYNC_NODE_PROFILE).
 */
export async function startNodeProfile(path: string): Promise<{ stop(): Promise<void> }> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  let stopped = false;
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(path, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

import type { Page } from 'playwright-core';
import { startPageProfile } from './page-profile';

/**
 * Screen changes for `npm run bench:board`: the main screens, how to reach each one, and when it counts as shown.
 * A change is timed in the page from the click to the second frame after the target's content is in the DOM
 * (the frame that paints it); before each one the screen on view has settled (its reads are in, nothing is
 * aria-busy), a positive signal instead of a fixed sleep.
 */
export type Screen = 'home' | 'open-leads' | 'my-pipeline' | 'lead';

/** What shows that a screen is on view with its content. */
const READY: Record<Screen, string> = {
  home: 'section.home-activities h2 .count',
  'open-leads': 'section.board[aria-label="Open Leads"] .card',
  'my-pipeline': 'section.board[aria-label="My Pipeline"] .card',
  lead: '.lead-drawer article.lead-form .chatter',
};
const MENU: Record<Exclude<Screen, 'lead'>, string> = { home: 'Home', 'open-leads': 'Open Leads', 'my-pipeline': 'My Pipeline' };
/** What opens a lead from each screen: an activity row on Home, a card on a board. */
const OPENER: Record<Exclude<Screen, 'lead'>, string> = {
  home: 'section.home-activities .home-activity-open',
  'open-leads': 'section.board[aria-label="Open Leads"] .card',
  'my-pipeline': 'section.board[aria-label="My Pipeline"] .card',
};

/**
 * One run's screen changes, from Home: every ordered pair of the three menu screens, and a lead opened from
 * each and closed again (Back returns to the screen under it). Two pairs come twice; every pair at least once.
 */
export const ROUTE: readonly Screen[] = ['open-leads', 'my-pipeline', 'home', 'my-pipeline', 'open-leads', 'lead', 'open-leads', 'home', 'lead', 'home', 'my-pipeline', 'lead', 'my-pipeline', 'home'];

interface Step {
  click: { selector: string; text?: string; index: number };
  ready: string;
  /** Must be gone from the DOM too (the lead drawer after Back). */
  gone?: string;
}

/** The click and the finish line of a change from one screen to another (`under`: the screen below an open lead). */
function stepOf(from: Screen, to: Screen, under: Exclude<Screen, 'lead'>, pick: number): Step {
  if (to === 'lead') return { click: { selector: OPENER[under], index: pick }, ready: READY.lead };
  if (from === 'lead') return { click: { selector: '.lead-drawer .lead-topline button.link', text: '← Back', index: 0 }, ready: READY[to], gone: '.lead-drawer' };
  return { click: { selector: 'nav[aria-label="Main menu"] button', text: MENU[to], index: 0 }, ready: READY[to] };
}

/** The little of the DOM the board bench's page functions use (this tsconfig has no DOM lib). */
export interface PageElement {
  textContent: string | null;
  scrollTop: number;
  scrollHeight: number;
  click(): void;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement> & { length: number };
}
export interface PageGlobals {
  document: PageElement;
  requestAnimationFrame(callback: (time: number) => void): number;
}

/** Inside the page: click, then wait frame by frame for the target; the frame after it is in the DOM paints it. */
async function timeStep(page: Page, step: Step): Promise<number> {
  return page.evaluate(async ({ click, ready, gone }) => {
    const w = globalThis as unknown as PageGlobals;
    const candidates = [...w.document.querySelectorAll(click.selector)].filter((element) => click.text === undefined || element.textContent?.trim() === click.text);
    const target = candidates[click.index % Math.max(1, candidates.length)];
    if (!target) throw new Error(`nothing to click at ${click.selector} ${click.text ?? ''}`);
    const frame = () => new Promise<void>((resolve) => w.requestAnimationFrame(() => resolve()));
    const start = performance.now();
    target.click();
    for (;;) {
      await frame();
      if (w.document.querySelector(ready) && !(gone && w.document.querySelector(gone))) break;
      if (performance.now() - start > 20_000) throw new Error(`${ready} did not show within 20 s`);
    }
    await frame();
    return performance.now() - start;
  }, step);
}

/**
 * Waits until the screen is shown and has finished what it reads: its content is there and nothing on the page
 * is aria-busy (views say so while their reads are in flight), over two frames in a row.
 */
export async function settle(page: Page, screen: Screen): Promise<void> {
  await page.waitForFunction(
    (ready) => {
      const w = globalThis as unknown as PageGlobals & { __settledFrames?: number };
      const quiet = w.document.querySelector(ready) !== null && w.document.querySelector('[aria-busy="true"]') === null;
      w.__settledFrames = quiet ? (w.__settledFrames ?? 0) + 1 : 0;
      return w.__settledFrames >= 2;
    },
    READY[screen],
    { polling: 'raf', timeout: 60_000 },
  );
  await page.evaluate(() => {
    (globalThis as unknown as { __settledFrames?: number }).__settledFrames = 0;
  });
}

/**
 * A fixed amount of JavaScript in the page (about as much CPU as a screen change here), timed: on a shared
 * machine its spread shows how much other processes stretch the same work, in the same run.
 */
export async function busyWork(page: Page, iterations: number): Promise<number> {
  return page.evaluate((count) => {
    const start = performance.now();
    let sum = 0;
    for (let index = 0; index < count; index++) sum += Math.sqrt(index);
    if (sum < 0) throw new Error('unreachable');
    return performance.now() - start;
  }, iterations);
}

/** Iterations of busyWork that take about `targetMs` here now (the median of a few tries). */
export async function calibrateBusyWork(page: Page, targetMs: number): Promise<number> {
  const probe = 1_000_000;
  const tries: number[] = [];
  for (let index = 0; index < 7; index++) tries.push(await busyWork(page, probe));
  const median = tries.sort((a, b) => a - b)[3] ?? 1;
  return Math.round((probe * targetMs) / Math.max(median, 0.1));
}

export type PairSamples = Map<string, number[]>;

/**
 * Walks the route `runs` times from Home, settling before each change unless `hurried`; `readsDone` collects,
 * per pair, the time from the click until the target has settled (measured from Node: a few ms of protocol);
 * `floor` collects, before each change from a menu screen, a click that changes nothing, timed the same way;
 * `cpuFloor` the time a fixed piece of JavaScript takes in the page before each change (see busyWork). With `profile.pair`
 * (e.g. "home→open-leads"), the first change of that pair runs under the CPU profiler and its profile is
 * written to `profile.path` (open it in Chrome DevTools' Performance panel).
 */
export async function walkRoute(
  page: Page,
  runs: number,
  options: {
    hurried?: boolean;
    profile?: { pair: string; path: string };
    readsDone?: PairSamples;
    floor?: number[];
    cpuFloor?: { iterations: number; samples: number[] };
  } = {},
): Promise<PairSamples> {
  const { hurried = false, profile, readsDone, floor, cpuFloor } = options;
  const samples: PairSamples = new Map();
  let profiled = false;
  for (let run = 0; run < runs; run++) {
    let at: Screen = 'home';
    let under: Exclude<Screen, 'lead'> = 'home';
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Home' }).click();
    await settle(page, 'home');
    for (const to of ROUTE) {
      // Hurried: the next click as soon as the screen shows its content, its remaining reads still running.
      if (!hurried) await settle(page, at);
      if (cpuFloor) cpuFloor.samples.push(await busyWork(page, cpuFloor.iterations));
      if (floor && at !== 'lead') {
        // The same-run floor: a click on the menu entry of the screen on view changes nothing, timed the same way.
        floor.push(await timeStep(page, { click: { selector: 'nav[aria-label="Main menu"] button', text: MENU[at], index: 0 }, ready: READY[at] }));
      }
      const pair = `${at}→${to}`;
      const step = stepOf(at, to, under, run);
      const profiler =
        profile && !profiled && profile.pair === pair
          ? await startPageProfile(page, { profilePath: profile.path, tracePath: process.env['BOARD_TRACE'] ? `${profile.path}.trace.json` : undefined, traceCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'IndexedDB'] })
          : undefined;
      const ms = await timeStep(page, step);
      if (profiler) {
        await profiler.stop();
        profiled = true;
      }
      samples.set(pair, [...(samples.get(pair) ?? []), ms]);
      if (!hurried && readsDone) {
        // How long after the click the target's reads were all in (it painted before, at `ms`).
        const started = performance.now() - ms;
        await settle(page, to);
        readsDone.set(pair, [...(readsDone.get(pair) ?? []), performance.now() - started]);
      }
      if (to !== 'lead') under = to;
      at = to;
    }
  }
  return samples;
}

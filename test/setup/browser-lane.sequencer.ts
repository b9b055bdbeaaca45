import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { groupBy } from '../../src-shared/group-by.ts';

/** The project whose files hold the browser lane (test/setup/browser-lane.setup.ts). */
export const BROWSER_PROJECT = 'e2e';

/**
 * What each file cost a worker in a recent full run, `project:path` → seconds (a browser file: its hooks and tests,
 * the time it holds the lane). Written by the slowest-files reporter: EXPECTED_SECONDS_JSON=<this file> npm run test:unit.
 * A fresh clone has no vitest cache, so without it CI would order by file size; only the proportions matter.
 */
export const EXPECTED_SECONDS_FILE = 'test/setup/expected-seconds.json';
/** A file the table does not know (a new one): most are quick; a browser file holds the lane about this long. */
const UNKNOWN_SECONDS = { other: 0.5, browser: 20 };

/**
 * Places the browser files so that each is reached about when the one before it has left the lane: while the lane
 * runs one file, the other `otherWorkers` workers get through that many seconds of the other files. Spread by count,
 * the quick files at the end of the queue brought the last browser files together (workers waiting for the lane,
 * 201 worker-seconds in a replay of a full run) while the long ones in the middle left the lane idle.
 * The first browser file goes first; each kind keeps the order it came in.
 */
export function spreadBrowserFiles<T>(sorted: readonly T[], isBrowser: (spec: T) => boolean, seconds: (spec: T) => number, otherWorkers: number): T[] {
  const browser = sorted.filter(isBrowser);
  const others = sorted.filter((spec) => !isBrowser(spec));
  const result: T[] = [];
  let next = 0;
  let laneSeconds = 0;
  let othersSeconds = 0;
  for (const spec of browser) {
    for (; next < others.length && othersSeconds + seconds(others[next] as T) <= laneSeconds * otherWorkers; next++) {
      othersSeconds += seconds(others[next] as T);
      result.push(others[next] as T);
    }
    result.push(spec);
    laneSeconds += seconds(spec);
  }
  return [...result, ...others.slice(next)];
}

/**
 * Each project's files together, the projects in the order their first file came, each file where it was
 * within its project. A worker of a project that does not isolate its files (node) is reused for the next file
 * only when that file is of the same project; vitest's order interleaves the projects, and every switch starts a
 * new worker that imports everything again.
 */
export function groupByProject<T>(sorted: readonly T[], projectOf: (spec: T) => string): T[] {
  return [...groupBy(sorted, projectOf).values()].flat();
}

/** Longest first, ties in the order they came (vitest orders so with its own cache, which a fresh clone lacks). */
export function longestFirst<T>(specs: readonly T[], seconds: (spec: T) => number): T[] {
  return [...specs].sort((a, b) => seconds(b) - seconds(a));
}

function readExpectedSeconds(root: string): Record<string, number> {
  try {
    return JSON.parse(readFileSync(`${root}/${EXPECTED_SECONDS_FILE}`, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

export default class BrowserLaneSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { root, maxWorkers } = this.ctx.config;
    const table = readExpectedSeconds(root);
    const isBrowser = (spec: TestSpecification) => spec.project.name === BROWSER_PROJECT;
    const seconds = (spec: TestSpecification) => table[`${spec.project.name}:${relative(root, spec.moduleId)}`] ?? (isBrowser(spec) ? UNKNOWN_SECONDS.browser : UNKNOWN_SECONDS.other);
    const grouped = groupByProject(longestFirst(await super.sort(files), seconds), (spec) => spec.project.name);
    return spreadBrowserFiles(grouped, isBrowser, seconds, Math.max(1, maxWorkers - 1));
  }
}

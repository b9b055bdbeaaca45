import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { groupBy } from '../../src-shared/group-by';

/** The project whose files hold the browser lane (test/setup/browser-lane.setup.ts). */
export const BROWSER_PROJECT = 'e2e';

/**
 * Spreads the browser files evenly through the queue, the first one first: a worker that picks a browser file
 * while another runs waits for the lane, so the files are kept apart and the other workers keep the rest moving.
 * Within each kind, vitest's own order (failed first, then longest first), the other projects one after another.
 */
export function spreadBrowserFiles<T>(sorted: readonly T[], isBrowser: (spec: T) => boolean): T[] {
  const browser = sorted.filter(isBrowser);
  const others = sorted.filter((spec) => !isBrowser(spec));
  if (browser.length === 0) return others;
  const gap = others.length / browser.length;
  const result: T[] = [];
  let next = 0;
  browser.forEach((spec, index) => {
    const until = Math.round(index * gap);
    result.push(...others.slice(next, until), spec);
    next = until;
  });
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

export default class BrowserLaneSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const grouped = groupByProject(await super.sort(files), (spec) => spec.project.name);
    return spreadBrowserFiles(grouped, (spec) => spec.project.name === BROWSER_PROJECT);
  }
}

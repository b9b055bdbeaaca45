import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The project whose files hold the browser lane (test/setup/browser-lane.setup.ts). */
export const BROWSER_PROJECT = 'e2e';

/**
 * Spreads the browser files evenly through the queue, the first one first: a worker that picks a browser file
 * while another runs waits for the lane, so the files are kept apart and the other workers keep the rest moving.
 * Within each kind, vitest's own order (failed first, then longest first).
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

export default class BrowserLaneSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return spreadBrowserFiles(await super.sort(files), (spec) => spec.project.name === BROWSER_PROJECT);
  }
}

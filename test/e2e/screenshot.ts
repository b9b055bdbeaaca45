import type { Page } from 'playwright-core';

/**
 * Screenshots along a passing scenario are for people (a look at a run, the README's pictures copied from it); no
 * test compares them. Each cost Chromium about half a CPU-second (the floor's morning: 62 -> 50 CPU-s without its
 * 25), so a test run takes them only with E2E_SCREENSHOTS=1. A failing step's screenshot is taken either way.
 */
export const SCREENSHOTS_WANTED = process.env['E2E_SCREENSHOTS'] === '1';

/** The page as it is now, into `path`, when screenshots are wanted. */
export async function screenshot(page: Page, path: string): Promise<void> {
  if (SCREENSHOTS_WANTED) await page.screenshot({ path });
}

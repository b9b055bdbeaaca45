import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningHub } from '../../src-hub/start-hub';
import { CONTENT_SECURITY_POLICY } from '../../src-main/security/content-security-policy';
import type { UpdaterPort } from '../../src-main/updates/app-updates';
import { startDemoHub } from '../harness/demo-hub';
import { openApp, type AppHandle } from '../harness/app-harness';
import { ensureRendererBuilt, RENDERER_OUT } from '../harness/build-renderer';
import { launchChromium, withTimeLimit } from '../harness/chromium';
import { serveRenderer } from '../harness/static-server';
import { signInAs } from './ui-kit';
import { screenshot } from './screenshot';

const SHOTS = join(process.cwd(), 'test/e2e/screenshots');

/** "Restart to update" in real Chromium: offered once the update is downloaded, held back during a call. */
describe('an update from the hub', () => {
  let browser: Browser;
  let renderer: { origin: string; close: () => Promise<void> };
  let hub: RunningHub;
  let app: AppHandle;
  const updater = { setFeed: vi.fn(), check: vi.fn(async () => undefined), quitAndInstall: vi.fn() } satisfies UpdaterPort;

  beforeAll(async () => {
    await ensureRendererBuilt();
    hub = await startDemoHub('updates', 6);
    [renderer, browser] = await Promise.all([serveRenderer(RENDERER_OUT, CONTENT_SECURITY_POLICY), launchChromium()]);
    app = await openApp({ browser, rendererOrigin: renderer.origin, core: { defaultHubUrl: async () => hub.url, updater } });
  }, 180_000);

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await browser?.close();
    await hub?.close().catch(() => undefined);
    await renderer?.close();
  });

  it('shows the download, then Restart to update, and restarts only when clicked', async () => {
    await withTimeLimit(120_000, 'update banner', (async () => {
      const page = app.page;
      await signInAs(page, 'agent1');
      expect(updater.setFeed).toHaveBeenCalledWith(`${hub.url}/api/v1/updates`);
      app.core.updates?.available('1.4.0');
      app.core.updates?.progress(37);
      const banner = page.getByRole('status', { name: 'Update' });
      await expect.poll(() => banner.textContent()).toBe('Downloading BPO CRM 1.4.0 in the background… 37%');
      app.core.updates?.downloaded('1.4.0');
      await expect.poll(() => banner.textContent()).toContain('BPO CRM 1.4.0 is ready.');
      await screenshot(page, join(SHOTS, 'update-ready.png'));
      expect(updater.quitAndInstall).not.toHaveBeenCalled();
      await banner.getByRole('button', { name: 'Restart to update' }).click();
      await expect.poll(() => updater.quitAndInstall.mock.calls.length).toBe(1);
    })());
  });
});

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, RENDERER_META_POLICY } from '../../src-main/security/content-security-policy';
import type { SecretCipher } from '../../src-main/session/secret-store';
import { openApp, type AppHandle, type OpenAppOptions } from '../harness/app-harness';
import { ensureRendererBuilt, RENDERER_OUT } from '../harness/build-renderer';
import { launchChromium, withTimeLimit } from '../harness/chromium';
import { startDemoHub } from '../harness/demo-hub';
import { startRendererDevServer } from '../harness/dev-server';
import { freePort } from '../harness/free-port';
import { cspViolations, recordCspViolations, startMainHeadersProxy, type MainHeadersProxy } from '../harness/main-headers';
import { serveRenderer } from '../harness/static-server';
import { screenshot } from './screenshot';

const SHOTS = join(process.cwd(), 'test/e2e/screenshots');

const signInVisible = (page: Page) => page.getByRole('form', { name: 'Sign in' }).isVisible();
/** zod probes `new Function('')` once to choose its fast path; the policy refusing it is the policy working. */
const violations = async (page: Page) => (await cspViolations(page)).filter((violation) => violation !== 'script-src blocked eval');

/**
 * The first thing a user sees, under exactly the headers main would set (its own function, no bypassCSP): the
 * sign-in screen, with `npm start`'s dev server and with the packaged renderer.
 */
describe('first launch: the window mounts under the headers main sets', () => {
  let browser: Browser;
  let devServer: { origin: string; close: () => Promise<void> };
  let built: { origin: string; close: () => Promise<void> };
  /** What the window loads in `npm start`: the dev server, behind main's headers. */
  let dev: MainHeadersProxy;
  /** What the packaged window loads: the built renderer, behind main's headers (they replace the server's own). */
  let packaged: MainHeadersProxy;
  const open: AppHandle[] = [];

  async function launch(rendererOrigin: string, more: Partial<OpenAppOptions> = {}): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await recordCspViolations(context);
    const errors: string[] = [];
    context.on('weberror', (error) => errors.push(error.error().message));
    const app = await openApp({ browser, rendererOrigin, context, ...more });
    open.push(app);
    return { page: app.page, context, errors };
  }

  beforeAll(async () => {
    await ensureRendererBuilt();
    mkdirSync(SHOTS, { recursive: true });
    const devPort = await freePort();
    [browser, devServer, built] = await Promise.all([launchChromium(), startRendererDevServer({ hmrClientPort: devPort }), serveRenderer(RENDERER_OUT, CONTENT_SECURITY_POLICY)]);
    // As main decides it: not packaged, and the page comes from the dev server main was told about.
    dev = await startMainHeadersProxy({ upstream: devServer.origin, port: devPort, target: (origin) => ({ packaged: false, devServerUrl: origin }) });
    packaged = await startMainHeadersProxy({ upstream: built.origin, target: () => ({ packaged: true, devServerUrl: undefined }) });
  }, 180_000);

  afterEach(async () => {
    for (const app of open.splice(0)) {
      await app.close().catch(() => undefined);
      await app.context.close().catch(() => undefined);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await dev?.close();
    await packaged?.close();
    await devServer?.close();
    await built?.close();
  });

  it('npm start: the dev server page shows the sign-in screen under the dev policy, with no violation', async () => {
    await withTimeLimit(120_000, 'dev-mode launch', (async () => {
      dev.target = { packaged: false, devServerUrl: dev.origin };
      const { page, errors } = await launch(dev.origin);
      await expect.poll(() => signInVisible(page), { timeout: 45_000 }).toBe(true);
      // The refresh runtime is really there (the preamble ran), not skipped.
      expect(await page.evaluate(() => typeof (globalThis as unknown as { $RefreshReg$?: unknown }).$RefreshReg$)).toBe('function');
      await screenshot(page, join(SHOTS, 'first-launch-dev.png'));
      expect(await violations(page)).toEqual([]);
      expect(errors).toEqual([]);
    })());
  });

  it('control: the same page under the production header stays blank (the bug the dev policy fixes)', async () => {
    await withTimeLimit(120_000, 'blocked dev-mode launch', (async () => {
      dev.target = { packaged: true, devServerUrl: dev.origin };
      const { page, errors } = await launch(dev.origin);
      await expect.poll(() => errors.join('\n'), { timeout: 60_000 }).toContain("can't detect preamble");
      expect(await cspViolations(page)).toContain('script-src-elem blocked inline');
      expect(await page.locator('#root').innerHTML()).toBe('');
    })());
  });

  it('packaged: the built renderer shows the sign-in screen under the production header and its meta tag', async () => {
    await withTimeLimit(120_000, 'packaged launch', (async () => {
      const html = readFileSync(join(RENDERER_OUT, 'index.html'), 'utf8');
      expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${RENDERER_META_POLICY}"`);
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      const { page, errors } = await launch(packaged.origin);
      await expect.poll(() => signInVisible(page), { timeout: 30_000 }).toBe(true);
      expect(await violations(page)).toEqual([]);
      expect(errors).toEqual([]);
    })());
  });

  it('Linux without a keyring: the sign-in works for this run and the window says it is not saved', async () => {
    await withTimeLimit(120_000, 'sign-in without a keychain', (async () => {
      const hub = await startDemoHub('first-launch-hub', 5);
      try {
        // safeStorage with no secret service: encrypting refuses (src-main/electron/safe-storage-cipher.ts).
        const noKeychain: SecretCipher = {
          encrypt: () => {
            throw new Error('No keyring (GNOME Keyring or KWallet) is running to keep the session encrypted.');
          },
          decrypt: () => {
            throw new Error('No keyring');
          },
        };
        const { page } = await launch(packaged.origin, { cipher: noKeychain, core: { defaultHubUrl: async () => hub.url } });
        await expect.poll(() => signInVisible(page), { timeout: 30_000 }).toBe(true);
        await page.getByRole('button', { name: /^agent1 / }).click();
        await page.getByRole('button', { name: 'Sign in' }).click();
        const notice = page.getByRole('status', { name: 'Sign-in not saved' });
        await expect.poll(() => notice.isVisible(), { timeout: 20_000 }).toBe(true);
        expect(await notice.textContent()).toContain('lasts until you quit');
        await screenshot(page, join(SHOTS, 'first-launch-no-keychain.png'));
      } finally {
        await hub.close();
      }
    })());
  });
});

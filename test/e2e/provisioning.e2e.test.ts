import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MachineSetup } from '../../src-main/config/machine-config';
import { CONTENT_SECURITY_POLICY } from '../../src-main/security/content-security-policy';
import { openApp, type AppHandle } from '../harness/app-harness';
import { ensureRendererBuilt, RENDERER_OUT } from '../harness/build-renderer';
import { launchChromium, withTimeLimit } from '../harness/chromium';
import { serveRenderer } from '../harness/static-server';
import { screenshot } from './screenshot';

const SHOTS = join(process.cwd(), 'test/e2e/screenshots');

/** The sign-in screen of a workstation IT provisioned, and of one whose settings file is broken, in Chromium. */
describe('sign-in on a provisioned workstation', () => {
  let browser: Browser;
  let renderer: { origin: string; close: () => Promise<void> };
  const open: AppHandle[] = [];

  beforeAll(async () => {
    await ensureRendererBuilt();
    [browser, renderer] = await Promise.all([launchChromium(), serveRenderer(RENDERER_OUT, CONTENT_SECURITY_POLICY)]);
  }, 180_000);
  afterAll(async () => {
    for (const app of open) await app.close().catch(() => undefined);
    await browser?.close();
    await renderer?.close();
  });

  async function signInScreen(machine: MachineSetup): Promise<Page> {
    const app = await openApp({ browser, rendererOrigin: renderer.origin, core: { machine } });
    open.push(app);
    await app.page.getByRole(machine.kind === 'invalid' ? 'region' : 'form', { name: machine.kind === 'invalid' ? 'Sign in unavailable' : 'Sign in' }).waitFor({ timeout: 45_000 });
    return app.page;
  }

  it("shows IT's hub by name and no address field; a bad file is named and blocks the sign-in", async () => {
    await withTimeLimit(120_000, 'provisioned sign-in screens', (async () => {
      const provisioned = await signInScreen({ kind: 'provisioned', file: '/etc/bpo-crm/config.json', hubUrl: 'https://hub.floor.example', hubName: 'Manila floor', caCertificate: null, allowTrainingMode: true });
      await provisioned.getByText('Manila floor').waitFor();
      expect(await provisioned.getByLabel('Hub address').count()).toBe(0);
      await screenshot(provisioned, join(SHOTS, 'sign-in-provisioned.png'));

      const broken = await signInScreen({ kind: 'invalid', file: 'C:\\ProgramData\\BPO CRM\\config.json', problem: 'caCertificateFile: C:\\ProgramData\\BPO CRM\\hub-ca.pem does not exist' });
      await broken.getByRole('alert').waitFor();
      expect(await broken.getByRole('button', { name: 'Sign in' }).count()).toBe(0);
      await screenshot(broken, join(SHOTS, 'sign-in-bad-settings.png'));
    })());
  });
});

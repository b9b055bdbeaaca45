import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../src-hub/start-hub';
import { CONTENT_SECURITY_POLICY } from '../../src-main/security/content-security-policy';
import { openApp, type AppHandle } from '../harness/app-harness';
import { ensureRendererBuilt, RENDERER_OUT } from '../harness/build-renderer';
import { launchChromium, withTimeLimit } from '../harness/chromium';
import { serveRenderer } from '../harness/static-server';
import { agentScreens, managerScreens, Tour } from './a11y-tour';
import { countByImpact, describeFindings } from './axe-kit';

/**
 * Accessibility in real Chromium: every screen once (one browser, one demo hub), with no serious or critical
 * axe-core violation; the counts per impact are written to test/e2e/screenshots/a11y/axe-summary.json.
 */
const SHOTS = join(process.cwd(), 'test/e2e/screenshots/a11y');

describe('accessibility of every screen in real Chromium', () => {
  let browser: Browser;
  let renderer: { origin: string; close: () => Promise<void> };
  let hub: RunningHub;
  const apps: AppHandle[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    mkdirSync(SHOTS, { recursive: true });
    renderer = await serveRenderer(RENDERER_OUT, CONTENT_SECURITY_POLICY);
    browser = await launchChromium();
    hub = await startHub({
      storage: { dataDir: mkdtempSync(join(tmpdir(), 'e2e-a11y-hub-')), databaseUrl: undefined },
      port: 0,
      demo: { leads: 20 },
      config: { passwordCost: { N: 1024, r: 8, p: 1 } },
      log: { info: () => undefined, error: () => undefined },
    });
  }, 180_000);

  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await browser?.close();
    await hub?.close().catch(() => undefined);
    await renderer?.close();
  });

  it('has no serious or critical axe-core violation on any screen', async () => {
    await withTimeLimit(150_000, 'axe tour', (async () => {
      const open = async () => {
        const app = await openApp({ browser, rendererOrigin: renderer.origin, core: { defaultHubUrl: async () => hub.url } });
        apps.push(app);
        return app.page;
      };
      const agent = new Tour(await open(), SHOTS);
      await agentScreens(agent, 'agent1');
      const manager = new Tour(await open(), SHOTS);
      await managerScreens(manager, 'manager1');

      const results = [...agent.results, ...manager.results];
      const all = results.flatMap((result) => result.findings);
      const summary = {
        screens: results.length,
        total: countByImpact(all),
        byRule: Object.fromEntries(
          [...new Set(all.map((finding) => finding.rule))].map((rule) => [rule, all.filter((finding) => finding.rule === rule).reduce((sum, finding) => sum + finding.targets.length, 0)]),
        ),
        byScreen: Object.fromEntries(results.map((result) => [result.screen, { ...countByImpact(result.findings), findings: result.findings }])),
      };
      writeFileSync(join(SHOTS, 'axe-summary.json'), JSON.stringify(summary, null, 2));
      const failing = [...agent.blocking(), ...manager.blocking()];
      expect(failing.map((item) => `${item.screen}:\n${describeFindings(item.findings)}`).join('\n\n'), 'serious or critical axe-core violations').toBe('');
    })());
  });
});

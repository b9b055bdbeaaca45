import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { shellDataFolder } from './cli-paths';
import { openInChromium } from './open-browser';
import { ensureRendererBuilt, RENDERER_OUT } from './renderer-build';
import { startBrowserShell } from './start-shell';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { data: { type: 'string' }, 'no-open': { type: 'boolean', default: false } } });
  const userData = values.data ?? shellDataFolder(process.platform, process.env, homedir());
  ensureRendererBuilt();
  const shell = await startBrowserShell({ userData, rendererRoot: RENDERER_OUT, version: process.env['npm_package_version'] ?? 'dev' });
  console.log(`BPO CRM Desktop (browser shell, training mode) is running on ${shell.server.origin} — Ctrl+C stops it.`);
  if (!values['no-open']) openInChromium(shell.openFile, join(userData, 'chromium-profile'), (line) => console.log(line));
  const stop = () => {
    void shell.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`The browser shell could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

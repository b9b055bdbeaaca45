import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { MainCore } from '../core/main-core';
import { createIpcDispatcher } from '../ipc/ipc-dispatcher';
import { makePrivateFolder } from '../lifecycle/private-folder';
import { trustOrigins } from '../security/trusted-sender';
import { FileSecretStore, type SecretCipher } from '../session/secret-store';
import { TrainingHub } from '../training/training-hub';
import { PageLink } from './page-link';
import { startShellServer, type ShellServer } from './shell-server';
import { memoryOnlyCipher } from './memory-only-cipher';

export interface BrowserShellOptions {
  /** The shell's private folder (its own, never the Electron app's). */
  userData: string;
  /** The built renderer (out/renderer). */
  rendererRoot: string;
  version: string;
  /** Tests: a fixed token and cipher. */
  token?: string;
  cipher?: SecretCipher;
  logError?: (message: string, error: unknown) => void;
}

export interface BrowserShell {
  server: ShellServer;
  core: MainCore;
  /** A 0600 file in the private folder that forwards to the page with its token: what the browser is opened on. */
  openFile: string;
  stop(): Promise<void>;
}

/** The page-side bridge, bundled for the browser from its TypeScript source. */
export async function bundleBridge(): Promise<string> {
  const result = await build({ entryPoints: [fileURLToPath(new URL('./page/shell-bridge.ts', import.meta.url))], bundle: true, format: 'iife', target: 'chrome120', write: false, minify: false, logLevel: 'silent' });
  const [output] = result.outputFiles;
  if (!output) throw new Error('The shell bridge did not build.');
  return output.text;
}

/**
 * The app without Electron: main's core under Node (training hub by default, as in the app), the built
 * renderer on loopback, `window.crm` over the guarded bridge. For trying the app and training rooms where
 * Electron cannot be installed; the Electron app stays the product.
 */
export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const userData = makePrivateFolder(options.userData);
  const logError = options.logError ?? ((message: string, error: unknown) => console.error(`[shell] ${message}`, error));
  const link = new PageLink();
  const training = new TrainingHub(userData);
  const exports = join(userData, 'exports');
  const core = new MainCore({
    appInfo: { version: options.version, platform: process.platform },
    sessionStore: new FileSecretStore(join(userData, 'session.bin'), options.cipher ?? memoryOnlyCipher),
    replica: link.replica,
    emit: (event, payload) => link.emit(event, payload),
    defaultHubUrl: () => training.url(),
    logError,
    won: { journalPath: join(userData, 'won-journal.json') },
    outboxKeysPath: join(userData, 'outbox-keys.json'),
    warmUpAfterMs: 1000,
    // No dialer and no save dialog in a browser tab: exports land in the shell's folder.
    chooseSavePath: async (name) => {
      mkdirSync(exports, { recursive: true, mode: 0o700 });
      return join(exports, name);
    },
  });
  let origin = '';
  const dispatch = createIpcDispatcher(core.handlers, { isTrustedSender: (url) => trustOrigins({ httpOrigin: origin })(url), logError: (channel, error) => logError(`${channel} failed`, error) });
  const server = await startShellServer({ rendererRoot: options.rendererRoot, bridgeScript: await bundleBridge(), dispatch, link, token: options.token ?? randomBytes(32).toString('base64url') });
  origin = server.origin;
  const openFile = join(userData, 'open-app.html');
  writeFileSync(openFile, `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${server.pageUrl}"><title>BPO CRM Desktop</title>\n`, { mode: 0o600 });
  await core.start();
  return {
    server,
    core,
    openFile,
    async stop() {
      core.stop();
      await server.close();
      await training.stop();
    },
  };
}

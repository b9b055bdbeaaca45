import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserServer, type LaunchOptions } from 'playwright-core';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * A running Chromium's address for launchChromium to connect to instead of starting one. The e2e project's global
 * setup starts one for the whole run (test/setup/e2e.global-setup.ts): a launch per file cost about 2.6 CPU-s and
 * 1.5 s of the browser lane each. Scripts and benchmarks run without it and launch their own.
 */
export const SHARED_CHROMIUM_ENV = 'BPO_CRM_SHARED_CHROMIUM';

/**
 * Chromium 156 opens the omnibox's suggestion popup as WebUI pages of its own (chrome://omnibox-popup.top-chrome/
 * and its AI-mode variant) for every window, in a renderer that ran at about 70 % of a core while a test's page
 * loaded. Headless windows have no omnibox anyone types into. Twelve contexts, each a page filling a field (CPU of
 * Chromium's process tree from /proc, this 2-core machine): 10.8-12.7 CPU-s with the popups, 7.4-7.5 without.
 */
const DISABLED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup'];

/**
 * playwright-core's own --disable-features list (`disabledFeatures` in its lib/coreBundle.js, which it does not
 * export). Chromium keeps the last value of a switch given twice, so a second --disable-features has to carry
 * playwright's features too or it turns them back on. An upgrade that moves the list fails here, naming the file.
 */
function playwrightDisabledFeatures(): string[] {
  const file = createRequire(import.meta.url).resolve('playwright-core/lib/coreBundle');
  const list = /\bdisabledFeatures = \[([^\]]*)\]/.exec(readFileSync(file, 'utf8'))?.[1];
  if (list === undefined) throw new Error(`No disabledFeatures list in ${file}: read playwright-core's --disable-features anew for test/harness/chromium.ts.`);
  return [...list.replace(/\/\/[^\n]*/g, '').matchAll(/"([^"]+)"/g)].map((match) => match[1] ?? '');
}

/**
 * Debian's Chromium, headless. The background-networking flags keep it from calling out (this machine has no
 * network beyond the package registries).
 */
const LAUNCH: LaunchOptions = {
  executablePath: CHROMIUM_PATH,
  headless: true,
  timeout: 60_000,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    `--disable-features=${[...playwrightDisabledFeatures(), ...DISABLED_FEATURES].join(',')}`,
  ],
};

/**
 * A browser for one test file or script: the shared Chromium when there is one, else a launch of its own. Each
 * context it opens starts from a fresh, empty profile either way; `close()` closes the file's contexts (and, when
 * connected, only disconnects: the shared Chromium stays up for the next file).
 */
export async function launchChromium(): Promise<Browser> {
  const shared = process.env[SHARED_CHROMIUM_ENV];
  return shared ? chromium.connect(shared, { timeout: 60_000 }) : chromium.launch(LAUNCH);
}

/** The shared Chromium: started once, files connect to its `wsEndpoint()`. */
export async function launchChromiumServer(): Promise<BrowserServer> {
  return chromium.launchServer(LAUNCH);
}

/** Every browser run has a time limit: a hang fails instead of blocking CI. */
export async function withTimeLimit<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * For a bench's process: errors' stacks without tsx's source maps. playwright-core reads `new Error().stack` on every
 * evaluate (its LongStandingScope keeps the caller's frames for a later error), and with source maps on each read
 * maps every frame: 140 ms of bench:sync's first sync in the harness's process (a Node CPU profile); 300 stacks 20
 * frames deep took 51 ms with them and 4 ms without. Electron's main has neither playwright nor tsx, so this was the
 * harness's cost inside the app's figures. Tests keep the mapped stacks they report failures with.
 */
export function benchStacksUnmapped(): void {
  process.setSourceMapsEnabled(false);
}

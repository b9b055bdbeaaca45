import { chromium, type Browser, type BrowserServer, type LaunchOptions } from 'playwright-core';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * A running Chromium's address for launchChromium to connect to instead of starting one. The e2e project's global
 * setup starts one for the whole run (test/setup/e2e.global-setup.ts): a launch per file cost about 2.6 CPU-s and
 * 1.5 s of the browser lane each. Scripts and benchmarks run without it and launch their own.
 */
export const SHARED_CHROMIUM_ENV = 'BPO_CRM_SHARED_CHROMIUM';

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

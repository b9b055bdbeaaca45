import { afterAll, inject } from 'vitest';
import { SHARED_CHROMIUM_ENV } from '../harness/chromium';
import { acquireFileLock } from '../harness/file-lock';

/**
 * The browser lane: the e2e files run beside the other tests, but one at a time, so two files' pages (each file
 * with a hub and a renderer server) never share this machine's two cores. The file holds the lane from before its
 * import to after its last hook. Its launchChromium connects to the run's one Chromium (e2e.global-setup.ts).
 */
process.env[SHARED_CHROMIUM_ENV] = inject('chromiumEndpoint');
const release = await acquireFileLock('browser');
afterAll(release);

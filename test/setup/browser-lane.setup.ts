import { afterAll } from 'vitest';
import { acquireFileLock } from '../harness/file-lock';

/**
 * The browser lane: the e2e files run beside the other tests, but one at a time, so two Chromiums (each with a
 * hub and a renderer server) never share this machine's two cores. The file holds the lane from before its
 * import to after its last hook.
 */
const release = await acquireFileLock('browser');
afterAll(release);

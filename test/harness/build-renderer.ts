import { isRendererBuilt, buildRenderer, RENDERER_OUT } from '../../src-main/browser-shell/renderer-build';
import { acquireFileLock } from './file-lock';

export { RENDERER_OUT };

/**
 * The e2e harness builds the renderer as the browser shell does (npm start without Electron), unless the build
 * is newer than every source. Test files run in parallel, so one builds while the others wait for it (two
 * builds would write the same folder at once) and then find the build done.
 */
export async function ensureRendererBuilt(): Promise<void> {
  if (isRendererBuilt()) return;
  const release = await acquireFileLock('renderer-build');
  try {
    if (!isRendererBuilt()) buildRenderer();
  } finally {
    release();
  }
}

// The e2e harness builds the renderer as the browser shell does (npm start without Electron).
export { ensureRendererBuilt, RENDERER_OUT } from '../../src-main/browser-shell/renderer-build';

import { join } from 'node:path';
import { app, BrowserWindow, session, shell } from 'electron';
import { CONTENT_SECURITY_POLICY, secureWindowOptions } from './security/window-options';

// Lifecycle only. Each capability registers itself from its own folder as it lands.
function createWindow(): void {
  const window = new BrowserWindow(secureWindowOptions(join(__dirname, '../preload/index.cjs')));
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  const devServer = process.env['ELECTRON_RENDERER_URL'];
  if (devServer) void window.loadURL(devServer);
  else void window.loadFile(join(__dirname, '../renderer/index.html'));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    });
    void shell; // the tel: dialer arrives with the agent workspace
    createWindow();
  });
  app.on('window-all-closed', () => app.quit());
}

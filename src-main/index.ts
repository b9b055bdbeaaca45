import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { IPC_CHANNELS } from '../src-shared/contract/ipc.contract';
import { MainCore } from './core/main-core';
import { createReplicaBridge } from './electron/replica-bridge';
import { safeStorageCipher } from './electron/safe-storage-cipher';
import { createIpcDispatcher } from './ipc/ipc-dispatcher';
import { trustOrigins } from './security/trusted-sender';
import { createDesktopNotifier } from './notifications/desktop-notifier';
import { CONTENT_SECURITY_POLICY, secureWindowOptions } from './security/window-options';
import { FileSecretStore } from './session/secret-store';
import { TrainingHub } from './training/training-hub';

// Lifecycle only: the thin Electron adapter around the Electron-free core (src-main/core).
let window: BrowserWindow | null = null;
const devServer = process.env['ELECTRON_RENDERER_URL'];
const rendererRoot = join(__dirname, '../renderer');

function createWindow(): BrowserWindow {
  const created = new BrowserWindow(secureWindowOptions(join(__dirname, '../preload/index.cjs')));
  created.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  created.webContents.on('will-navigate', (event) => event.preventDefault());
  created.webContents.on('will-attach-webview', (event) => event.preventDefault());
  created.once('ready-to-show', () => created.show());
  if (devServer) void created.loadURL(devServer);
  else void created.loadFile(join(rendererRoot, 'index.html'));
  return created;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  void app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    });
    const training = new TrainingHub(app.getPath('userData'));
    const core = new MainCore({
      appInfo: { version: app.getVersion(), platform: process.platform },
      sessionStore: new FileSecretStore(join(app.getPath('userData'), 'session.bin'), safeStorageCipher),
      replica: createReplicaBridge(() => window?.webContents ?? null),
      emit: (event, payload) => window?.webContents.send(event, payload),
      defaultHubUrl: () => training.url(),
      logError: (message, error) => console.error(`[main] ${message}`, error),
      won: { journalPath: join(app.getPath('userData'), 'won-journal.json') },
      // Only tel: URLs get here (src-main/leads/lead-actions.ts builds them from the number's digits).
      openExternal: (url) => shell.openExternal(url),
      notify: createDesktopNotifier(() => window),
      chooseSavePath: async (defaultName) => {
        const options = { defaultPath: join(app.getPath('documents'), defaultName), filters: [{ name: 'CSV', extensions: ['csv'] }] };
        const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
        return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
      },
    });
    const dispatch = createIpcDispatcher(core.handlers, {
      isTrustedSender: trustOrigins({ fileRoot: rendererRoot, ...(devServer ? { httpOrigin: new URL(devServer).origin } : {}) }),
      logError: (channel, error) => console.error(`[main] ${channel} failed`, error),
    });
    for (const channel of IPC_CHANNELS) ipcMain.handle(channel, (event, input: unknown) => dispatch(channel, input, event.senderFrame?.url ?? ''));
    window = createWindow();
    window.webContents.once('did-finish-load', () => void core.start());
    app.on('before-quit', () => {
      core.stop();
      void training.stop();
    });
  });
  app.on('window-all-closed', () => app.quit());
}

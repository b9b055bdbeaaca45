import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, powerMonitor, session, shell } from 'electron';
import { IPC_CHANNELS } from '../src-shared/contract/ipc.contract';
import { MainCore } from './core/main-core';
import { machineConfigPath, readIfPresent, readMachineSetup } from './config/machine-config';
import { electronUpdater, forwardUpdaterEvents } from './electron/auto-updater';
import { createReplicaBridge } from './electron/replica-bridge';
import { safeStorageCipher } from './electron/safe-storage-cipher';
import { createIpcDispatcher } from './ipc/ipc-dispatcher';
import { appUserModelId } from './lifecycle/app-user-model-id';
import { makePrivateFolder } from './lifecycle/private-folder';
import { quitAfterCleanup } from './lifecycle/quit-after-cleanup';
import { createDesktopNotifier } from './notifications/desktop-notifier';
import { withContentSecurityPolicy } from './security/content-security-policy';
import { guardNavigation } from './security/navigation-guards';
import { installPermissionHandlers } from './security/permissions';
import { devServerUrlFor } from './security/renderer-source';
import { trustOrigins } from './security/trusted-sender';
import { secureWindowOptions } from './security/window-options';
import { FileSecretStore } from './session/secret-store';
import { lockOnOsEvents } from './session/workstation-lock';
import { TrainingHub } from './training/training-hub';

// Lifecycle only: the thin Electron adapter around the Electron-free core (src-main/core).
let window: BrowserWindow | null = null;
const devServer = devServerUrlFor({ packaged: app.isPackaged, rendererUrl: process.env['ELECTRON_RENDERER_URL'] });
const rendererRoot = join(__dirname, '../renderer');
/** The longest quitting waits for the training hub to close its database. */
const QUIT_CLEANUP_LIMIT_MS = 5000;

function createWindow(): BrowserWindow {
  const created = new BrowserWindow(secureWindowOptions(join(__dirname, '../preload/index.cjs')));
  guardNavigation(created.webContents);
  created.once('ready-to-show', () => created.show());
  if (devServer) void created.loadURL(devServer);
  else void created.loadFile(join(rendererRoot, 'index.html'));
  return created;
}

if (process.platform === 'win32') app.setAppUserModelId(appUserModelId({ packaged: app.isPackaged, execPath: process.execPath }));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  void app.whenReady().then(async () => {
    const userData = makePrivateFolder(app.getPath('userData'));
    // One sender check for IPC and for permissions: the app's own page, compared as a resolved file path.
    const isAppFrame = trustOrigins({ fileRoot: rendererRoot, ...(devServer ? { httpOrigin: new URL(devServer).origin } : {}) });
    installPermissionHandlers(session.defaultSession, isAppFrame);
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: withContentSecurityPolicy({ packaged: app.isPackaged, devServerUrl: devServer }, details.url, details.responseHeaders) });
    });
    const training = new TrainingHub(userData);
    // IT's machine-wide settings (hub, private CA, training mode): read once at start; a bad file is shown at sign-in.
    const machine = readMachineSetup(machineConfigPath(process.platform, process.env), process.platform, { read: readIfPresent });
    const core = new MainCore({
      appInfo: { version: app.getVersion(), platform: process.platform },
      sessionStore: new FileSecretStore(join(userData, 'session.bin'), safeStorageCipher),
      replica: createReplicaBridge(() => window?.webContents ?? null),
      emit: (event, payload) => window?.webContents.send(event, payload),
      defaultHubUrl: () => training.url(),
      logError: (message, error) => console.error(`[main] ${message}`, error),
      won: { journalPath: join(userData, 'won-journal.json') },
      outboxKeysPath: join(userData, 'outbox-keys.json'),
      // The sign-in screen's idle moment: the first sync's page checks get compiled before they are needed.
      warmUpAfterMs: 1000,
      // Only tel: URLs get here (src-main/leads/lead-actions.ts builds them from the number's digits).
      openExternal: (url) => shell.openExternal(url),
      notify: createDesktopNotifier(() => window),
      machine,
      // Updates come from the floor's hub (hub admin publish-update); a development run has nothing to update.
      ...(app.isPackaged ? { updater: electronUpdater() } : {}),
      chooseSavePath: async (defaultName) => {
        const options = { defaultPath: join(app.getPath('documents'), defaultName), filters: [{ name: 'CSV', extensions: ['csv'] }] };
        const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
        return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
      },
    });
    if (core.updates) forwardUpdaterEvents(core.updates);
    const dispatch = createIpcDispatcher(core.handlers, {
      isTrustedSender: isAppFrame,
      logError: (channel, error) => console.error(`[main] ${channel} failed`, error),
    });
    for (const channel of IPC_CHANNELS) ipcMain.handle(channel, (event, input: unknown) => dispatch(channel, input, event.senderFrame?.url ?? ''));
    // The OS screen lock, suspend and a user switch lock the app at once (hot-desking).
    lockOnOsEvents(powerMonitor, () => core.lockNow('os'));
    window = createWindow();
    window.webContents.once('did-finish-load', () => void core.start());
    app.on(
      'before-quit',
      quitAfterCleanup({
        cleanup: async () => {
          core.stop();
          await training.stop();
        },
        limitMs: QUIT_CLEANUP_LIMIT_MS,
        quit: () => app.quit(),
        logError: (message, error) => console.error(`[main] quitting: ${message}`, error ?? ''),
      }),
    );
  });
  app.on('window-all-closed', () => app.quit());
}

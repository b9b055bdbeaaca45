import { autoUpdater } from 'electron-updater';
import type { AppUpdates, UpdaterPort } from '../updates/app-updates';

/**
 * electron-updater, thin: the generic provider on the hub's feed, background download, install on quit when
 * not restarted into; its events go to AppUpdates (src-main/updates), which holds every decision.
 */
export function electronUpdater(): UpdaterPort {
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  return {
    setFeed: (url) => autoUpdater.setFeedURL({ provider: 'generic', url }),
    check: async () => void (await autoUpdater.checkForUpdates()),
    quitAndInstall: () => autoUpdater.quitAndInstall(false, true),
  };
}

export function forwardUpdaterEvents(updates: AppUpdates): void {
  autoUpdater.on('update-available', (info) => updates.available(info.version));
  autoUpdater.on('download-progress', (progress) => updates.progress(progress.percent));
  autoUpdater.on('update-downloaded', (info) => updates.downloaded(info.version));
  autoUpdater.on('error', (error) => updates.failed(error));
}

import { APP_ID } from '../app-identity';

/**
 * The Windows AppUserModelID main claims. Installed, it is the installer's appId (the Start-menu shortcut's id:
 * without the match, toasts stay silent). Unpackaged (`npm start`) there is no such shortcut; Electron's
 * notification guide has dev runs use the Electron binary's own path instead.
 */
export function appUserModelId(options: { packaged: boolean; execPath: string }): string {
  return options.packaged ? APP_ID : options.execPath;
}

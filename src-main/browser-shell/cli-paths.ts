import { join } from 'node:path';

/** The shell's own private folder (never the Electron app's, whose lock and keychain session it must not touch). */
export function shellDataFolder(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'BPO CRM Desktop (browser shell)');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'BPO CRM Desktop (browser shell)');
  return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'bpo-crm-desktop-browser-shell');
}

/** What Electron's safeStorage reports about the OS keychain on this computer. */
export interface KeychainState {
  platform: NodeJS.Platform;
  encryptionAvailable: boolean;
  /** Linux only: the secret store safeStorage picked ('basic_text' when it found none). */
  linuxBackend: string | undefined;
}

/**
 * Why the session cannot be kept encrypted at rest here, or null when it can. On Linux without a secret
 * service (no GNOME Keyring / KWallet running) safeStorage falls back to 'basic_text': encryption with a
 * password written into Chromium itself, which protects nothing — treated as no keychain at all.
 */
export function keychainProblem(state: KeychainState): string | null {
  if (!state.encryptionAvailable) return 'No OS keychain is available to keep the session encrypted.';
  if (state.platform === 'linux' && state.linuxBackend === 'basic_text') {
    return 'No keyring (GNOME Keyring or KWallet) is running to keep the session encrypted.';
  }
  return null;
}

import { safeStorage } from 'electron';
import { keychainProblem } from '../session/keychain';
import type { SecretCipher } from '../session/secret-store';

/** The OS keychain (DPAPI, Keychain, libsecret/KWallet) through Electron's safeStorage; refuses without one. */
export const safeStorageCipher: SecretCipher = {
  encrypt: (plain) => {
    const problem = keychainProblem({
      platform: process.platform,
      encryptionAvailable: safeStorage.isEncryptionAvailable(),
      linuxBackend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined,
    });
    if (problem) throw new Error(problem);
    return safeStorage.encryptString(plain);
  },
  decrypt: (sealed) => safeStorage.decryptString(sealed),
};

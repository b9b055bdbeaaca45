import { safeStorage } from 'electron';
import type { SecretCipher } from '../session/secret-store';

/** The OS keychain (DPAPI, Keychain, libsecret) through Electron's safeStorage. */
export const safeStorageCipher: SecretCipher = {
  encrypt: (plain) => {
    if (!safeStorage.isEncryptionAvailable()) throw new Error('No OS keychain available to keep the session encrypted.');
    return safeStorage.encryptString(plain);
  },
  decrypt: (sealed) => safeStorage.decryptString(sealed),
};

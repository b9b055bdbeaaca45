import type { SecretCipher } from '../session/secret-store';

/**
 * The browser shell has no OS keychain: saving the session refuses, so it stays in memory only (as the app
 * does on Linux without a keychain) and the next start asks for the sign-in again.
 */
export const memoryOnlyCipher: SecretCipher = {
  encrypt: () => {
    throw new Error('The browser shell keeps the sign-in in memory only: sign in again after restarting it.');
  },
  decrypt: () => {
    throw new Error('The browser shell never saves a sign-in.');
  },
};

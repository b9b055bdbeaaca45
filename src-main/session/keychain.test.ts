import { describe, expect, it } from 'vitest';
import { keychainProblem } from './keychain';

describe('keychain', () => {
  it('macOS, Windows and a Linux desktop with a keyring keep the session encrypted', () => {
    expect(keychainProblem({ platform: 'darwin', encryptionAvailable: true, linuxBackend: undefined })).toBeNull();
    expect(keychainProblem({ platform: 'win32', encryptionAvailable: true, linuxBackend: undefined })).toBeNull();
    expect(keychainProblem({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'gnome_libsecret' })).toBeNull();
    expect(keychainProblem({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'kwallet6' })).toBeNull();
  });

  it("Linux's basic_text fallback (a password built into Chromium) counts as no keychain", () => {
    expect(keychainProblem({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'basic_text' })).toMatch(/No keyring/);
  });

  it('no encryption at all is no keychain', () => {
    expect(keychainProblem({ platform: 'linux', encryptionAvailable: false, linuxBackend: 'unknown' })).toMatch(/No OS keychain/);
    expect(keychainProblem({ platform: 'darwin', encryptionAvailable: false, linuxBackend: undefined })).toMatch(/No OS keychain/);
  });
});

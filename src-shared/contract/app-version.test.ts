import { describe, expect, it } from 'vitest';
import { compareAppVersions, isAppVersion } from './app-version';

describe('app versions', () => {
  it('accepts major.minor.patch with an optional pre-release, nothing else', () => {
    for (const good of ['0.1.0', '1.4.0', '10.20.30', '1.4.0-beta.2', '2.0.0-rc.1']) expect(isAppVersion(good), good).toBe(true);
    for (const bad of ['', '1.4', 'v1.4.0', '1.4.0+build.5', 'latest', '1.4.0-', '01.4.0 ', '1.4.0-b€ta']) expect(isAppVersion(bad), bad).toBe(false);
  });

  it('orders them as semantic versions: numbers as numbers, a pre-release before its release', () => {
    const ordered = ['0.9.9', '1.4.0-alpha', '1.4.0-alpha.1', '1.4.0-alpha.beta', '1.4.0-beta.2', '1.4.0-beta.11', '1.4.0-rc.1', '1.4.0', '1.4.1', '1.10.0', '2.0.0'];
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) {
        expect(Math.sign(compareAppVersions(ordered[i]!, ordered[j]!)), `${ordered[i]} vs ${ordered[j]}`).toBe(Math.sign(i - j));
      }
    }
  });
});

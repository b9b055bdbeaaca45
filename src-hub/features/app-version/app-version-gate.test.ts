import { afterEach, describe, expect, it, vi } from 'vitest';
import { MIN_APP_VERSION, minAppVersionOf } from './app-version-gate';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the oldest app version a hub serves', () => {
  it('is the hub\'s own unless the configuration or HUB_MIN_APP_VERSION raises it', () => {
    vi.stubEnv('HUB_MIN_APP_VERSION', '');
    expect(minAppVersionOf({})).toBe(MIN_APP_VERSION);
    vi.stubEnv('HUB_MIN_APP_VERSION', ' 2.1.0 ');
    expect(minAppVersionOf({})).toBe('2.1.0');
    expect(minAppVersionOf({ minAppVersion: '3.0.0' })).toBe('3.0.0');
  });

  it('stops the start on a malformed one, naming the setting', () => {
    vi.stubEnv('HUB_MIN_APP_VERSION', '2.1');
    expect(() => minAppVersionOf({})).toThrow('HUB_MIN_APP_VERSION: "2.1" is not a version such as 1.4.0.');
  });
});

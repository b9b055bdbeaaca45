import { describe, expect, it } from 'vitest';
import { devServerUrlFor } from './renderer-source';

describe('renderer source', () => {
  it('an unpackaged app loads the dev server electron-vite names', () => {
    expect(devServerUrlFor({ packaged: false, rendererUrl: 'http://localhost:5173' })).toBe('http://localhost:5173');
  });

  it('an installed app ignores ELECTRON_RENDERER_URL and loads its own files', () => {
    expect(devServerUrlFor({ packaged: true, rendererUrl: 'http://localhost:5173' })).toBeUndefined();
  });

  it.each(['', 'not a url', 'file:///tmp/evil.html', 'javascript:alert(1)'])('%j is not a dev server', (rendererUrl) => {
    expect(devServerUrlFor({ packaged: false, rendererUrl })).toBeUndefined();
  });
});

import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { guardNavigation } from './navigation-guards';

/** A WebContents stand-in: an emitter that remembers the window-open handler. */
function contents() {
  const emitter = new EventEmitter() as EventEmitter & { openHandler?: () => { action: string } };
  return Object.assign(emitter, { setWindowOpenHandler: (handler: () => { action: 'deny' }) => void (emitter.openHandler = handler) });
}

function emitPrevented(target: EventEmitter, name: string): boolean {
  let prevented = false;
  target.emit(name, { preventDefault: () => void (prevented = true) }, 'https://example.com/');
  return prevented;
}

describe('navigation guards', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-attach-webview'])('%s is refused', (name) => {
    const guarded = contents();
    guardNavigation(guarded);
    expect(emitPrevented(guarded, name)).toBe(true);
  });

  it('new windows are refused', () => {
    const guarded = contents();
    guardNavigation(guarded);
    expect(guarded.openHandler?.()).toEqual({ action: 'deny' });
  });
});

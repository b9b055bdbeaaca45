import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { lockOnOsEvents, OS_LOCK_EVENTS, WorkstationLock } from './workstation-lock';

describe('the workstation lock', () => {
  it('waits after five wrong offline passwords, longer each time, and starts again once unlocked', () => {
    let now = 1_000_000;
    const lock = new WorkstationLock(() => now);
    lock.lock();
    for (let i = 0; i < 4; i++) lock.wrongPassword();
    expect(lock.waitBeforeTry()).toBe(0);
    lock.wrongPassword();
    expect(lock.waitBeforeTry()).toBe(30_000);
    now += 30_000;
    expect(lock.waitBeforeTry()).toBe(0);
    lock.wrongPassword();
    expect(lock.waitBeforeTry()).toBe(60_000);
    lock.unlock();
    expect(lock.locked).toBe(false);
    expect(lock.waitBeforeTry()).toBe(0);
  });

  it('locks on the OS screen lock, suspend and a user switch, and stops listening when asked', () => {
    const power = new EventEmitter();
    const seen: string[] = [];
    let current = '';
    const stop = lockOnOsEvents(power, () => seen.push(current));
    for (const event of OS_LOCK_EVENTS) {
      current = event;
      power.emit(event);
    }
    expect(seen).toEqual(['lock-screen', 'suspend', 'user-did-resign-active']);
    power.emit('resume');
    stop();
    power.emit('lock-screen');
    expect(seen).toHaveLength(3);
    expect(power.listenerCount('lock-screen')).toBe(0);
  });
});

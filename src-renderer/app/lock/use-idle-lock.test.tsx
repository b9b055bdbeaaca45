import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render } from '@testing-library/react';
import type { CrmApi } from '../../../src-shared/contract/crm-api';
import { useCallTimerStore } from '../../features/wizards/call-timer.store';
import { useIdleLock } from './use-idle-lock';

const MINUTE = 60_000;

function Probe({ minutes, active = true }: { minutes: number; active?: boolean }) {
  useIdleLock(minutes, active);
  return null;
}

function stubLock(answers: boolean[] = []) {
  const lock = vi.fn(async () => ({ ok: true as const, value: { locked: answers.shift() ?? true } }));
  window.crm = { lock } as unknown as CrmApi;
  return lock;
}

describe('the idle lock timer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    useCallTimerStore.setState({ startedAt: {} });
  });

  it("asks main to lock after the manager's minutes without input, counted from the last input", async () => {
    const lock = stubLock();
    render(<Probe minutes={10} />);
    await act(() => vi.advanceTimersByTimeAsync(6 * MINUTE));
    fireEvent.pointerMove(window);
    await act(() => vi.advanceTimersByTimeAsync(6 * MINUTE));
    fireEvent.keyDown(window, { key: 'a' });
    await act(() => vi.advanceTimersByTimeAsync(10 * MINUTE - 1));
    expect(lock).not.toHaveBeenCalled();
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(lock).toHaveBeenCalledTimes(1);
    expect(lock).toHaveBeenCalledWith({ reason: 'idle' });
  });

  it('never locks during a running call timer; once the call is logged, the next idle period locks', async () => {
    const lock = stubLock();
    act(() => useCallTimerStore.getState().start('lead-1'));
    render(<Probe minutes={2} />);
    await act(() => vi.advanceTimersByTimeAsync(30 * MINUTE));
    expect(lock).not.toHaveBeenCalled();
    act(() => useCallTimerStore.getState().stop('lead-1'));
    await act(() => vi.advanceTimersByTimeAsync(2 * MINUTE));
    expect(lock).toHaveBeenCalledTimes(1);
  });

  it('when main says not now (a Won push runs), asks again after another idle period', async () => {
    const lock = stubLock([false, true]);
    render(<Probe minutes={5} />);
    await act(() => vi.advanceTimersByTimeAsync(5 * MINUTE));
    expect(lock).toHaveBeenCalledTimes(1);
    await act(() => vi.advanceTimersByTimeAsync(5 * MINUTE));
    expect(lock).toHaveBeenCalledTimes(2);
  });

  it('does nothing while locked, and stops when the app unmounts', async () => {
    const lock = stubLock();
    const { rerender, unmount } = render(<Probe minutes={1} active={false} />);
    await act(() => vi.advanceTimersByTimeAsync(5 * MINUTE));
    expect(lock).not.toHaveBeenCalled();
    rerender(<Probe minutes={1} />);
    await act(() => vi.advanceTimersByTimeAsync(MINUTE));
    expect(lock).toHaveBeenCalledTimes(1);
    unmount();
    await act(() => vi.advanceTimersByTimeAsync(10 * MINUTE));
    expect(lock).toHaveBeenCalledTimes(1);
  });
});

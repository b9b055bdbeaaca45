import { describe, expect, it } from 'vitest';
import { sharedRoundTrips } from './shared-round-trips';

/** A round trip the test finishes by hand, counting how many began. */
function manualTrips(): { trip: () => Promise<void>; began: () => number; finish: (error?: Error) => void } {
  const pending: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  let began = 0;
  return {
    trip: () =>
      new Promise<void>((resolve, reject) => {
        began++;
        pending.push({ resolve, reject });
      }),
    began: () => began,
    finish: (error) => {
      const first = pending.shift();
      if (!first) throw new Error('no round trip under way');
      if (error) first.reject(error);
      else first.resolve();
    },
  };
}

const settled = async (): Promise<void> => {
  for (let turn = 0; turn < 10; turn++) await Promise.resolve();
};

describe('sharedRoundTrips', () => {
  it('gives a lone caller one round trip of its own', async () => {
    const manual = manualTrips();
    const caughtUp = sharedRoundTrips(manual.trip);
    let done = false;
    void caughtUp().then(() => (done = true));
    expect(manual.began()).toBe(1);
    manual.finish();
    await settled();
    expect(done).toBe(true);
  });

  it('makes callers who ask during a round trip wait for the next one, which they all share', async () => {
    const manual = manualTrips();
    const caughtUp = sharedRoundTrips(manual.trip);
    const order: string[] = [];
    void caughtUp().then(() => order.push('first'));
    const late = [caughtUp(), caughtUp(), caughtUp()].map((waiting, index) => waiting.then(() => order.push(`late ${index}`)));
    expect(manual.began()).toBe(1);
    manual.finish();
    await settled();
    // the first round trip may have begun before the late callers asked: it does not answer them
    expect(order).toEqual(['first']);
    expect(manual.began()).toBe(2);
    manual.finish();
    await Promise.all(late);
    expect(order).toEqual(['first', 'late 0', 'late 1', 'late 2']);
    expect(manual.began()).toBe(2);
  });

  it('rejects the callers of a failed round trip and serves the next callers with a new one', async () => {
    const manual = manualTrips();
    const caughtUp = sharedRoundTrips(manual.trip);
    const failed = caughtUp();
    manual.finish(new Error('connection lost'));
    await expect(failed).rejects.toThrow('connection lost');
    const next = caughtUp();
    expect(manual.began()).toBe(2);
    manual.finish();
    await expect(next).resolves.toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../http/clock';
import { DEFAULT_THROTTLE, LoginThrottle, type AttemptDecision } from './login-throttle';

const fail = (throttle: LoginThrottle, login: string, address: string): AttemptDecision => throttle.begin(login, address);
const waitOf = (decision: AttemptDecision): number => (decision.allowed ? 0 : decision.retryAfterMs);

describe('login throttle', () => {
  it('lets the free tries through, then doubles the wait after each failure up to the cap', () => {
    const clock = new ManualClock();
    const throttle = new LoginThrottle(clock);
    for (let index = 0; index < 5; index++) expect(fail(throttle, 'maria', '10.0.0.1').allowed).toBe(true);
    const waits: number[] = [];
    for (let index = 0; index < 10; index++) {
      const refused = waitOf(throttle.begin('MARIA', '10.0.0.1'));
      waits.push(refused);
      clock.advance(refused);
      expect(fail(throttle, 'maria', '10.0.0.1').allowed).toBe(true);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000]);
  });

  it('counts an attempt the moment it is let through: 40 at once, 5 get to the password check', () => {
    const throttle = new LoginThrottle(new ManualClock());
    const decisions = Array.from({ length: 40 }, () => throttle.begin('maria', '10.0.0.1'));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(DEFAULT_THROTTLE.freePerPair);
  });

  it('a right password clears its login; a stranger elsewhere costs the colleague at most the cap', () => {
    const clock = new ManualClock();
    const throttle = new LoginThrottle(clock);
    for (let index = 0; index < 4; index++) fail(throttle, 'jose', '10.0.0.1');
    const right = throttle.begin('jose', '10.0.0.1');
    if (!right.allowed) throw new Error('the fifth try is free');
    throttle.succeeded(right.attempt);
    for (let index = 0; index < 5; index++) expect(throttle.begin('jose', '10.0.0.1').allowed).toBe(true);

    // strangers at 40 other addresses guess ana's password at once (one address alone is held to one try a minute)
    const guesses = Array.from({ length: 40 }, (_, index) => throttle.begin('ana', `203.0.113.${index}`));
    expect(guesses.filter((guess) => guess.allowed)).toHaveLength(DEFAULT_THROTTLE.freePerLogin);
    const anaAtHerDesk = waitOf(throttle.begin('ana', '10.0.0.1'));
    expect(anaAtHerDesk).toBeGreaterThan(0);
    expect(anaAtHerDesk).toBeLessThanOrEqual(DEFAULT_THROTTLE.maxDelayMs);
    clock.advance(anaAtHerDesk);
    expect(throttle.begin('ana', '10.0.0.1').allowed).toBe(true);
  });

  it('a floor behind one address is not stopped by a few colleagues mistyping', () => {
    const throttle = new LoginThrottle(new ManualClock());
    for (let agent = 0; agent < 150; agent++) fail(throttle, `agent${agent}`, '10.0.0.1');
    expect(throttle.begin('agent150', '10.0.0.1').allowed).toBe(true);
  });

  it('slows one address guessing many logins once past the floor allowance', () => {
    const throttle = new LoginThrottle(new ManualClock());
    for (let login = 0; login < DEFAULT_THROTTLE.freePerAddress; login++) fail(throttle, `user${login}`, '198.51.100.7');
    expect(waitOf(throttle.begin('someone-else', '198.51.100.7'))).toBe(1_000);
    expect(throttle.begin('someone-else', '10.0.0.2').allowed).toBe(true);
  });

  it('forgets failures after the window', () => {
    const clock = new ManualClock();
    const throttle = new LoginThrottle(clock);
    for (let index = 0; index < 5; index++) fail(throttle, 'maria', '10.0.0.1');
    expect(throttle.begin('maria', '10.0.0.1').allowed).toBe(false);
    clock.advance(DEFAULT_THROTTLE.windowMs + 1);
    expect(throttle.begin('maria', '10.0.0.1').allowed).toBe(true);
  });
});

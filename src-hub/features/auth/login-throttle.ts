import type { Clock } from '../../http/clock';

export interface ThrottleLimits {
  /** Failures of one login from one address before each further try of that pair waits. */
  freePerPair: number;
  /** Failures of one login from any address (a guesser spread over many addresses). */
  freePerLogin: number;
  /** Failures from one address for any login; high, because a whole floor signs in from one address. */
  freePerAddress: number;
  /** The first wait past the free failures; each further failure doubles it, up to `maxDelayMs`. */
  baseDelayMs: number;
  /** The longest anyone waits after the last failure: what a stranger can cost a colleague. */
  maxDelayMs: number;
  /** Failures older than this are forgotten. */
  windowMs: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = {
  freePerPair: 5,
  freePerLogin: 20,
  freePerAddress: 200,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  windowMs: 15 * 60_000,
};

/** A sign-in the throttle let through: it counts as a failure until it is settled as a success. */
export interface LoginAttempt {
  readonly keys: readonly string[];
  readonly at: number;
}

export type AttemptDecision = { allowed: true; attempt: LoginAttempt } | { allowed: false; retryAfterMs: number };

/**
 * Growing delays per login and address (per hub process). An attempt is counted the moment it is let through,
 * before its password is checked, so simultaneous tries cannot all slip past the count. Nobody is locked out:
 * past the free failures each try waits longer, up to `maxDelayMs` after the last failure, so a stranger
 * typing a colleague's login costs them at most that wait.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE,
  ) {}

  begin(login: string, address: string): AttemptDecision {
    const now = this.clock.now().getTime();
    const keys = keysOf(login, address);
    const frees = [this.limits.freePerPair, this.limits.freePerLogin, this.limits.freePerAddress];
    const wait = Math.max(...keys.map((key, index) => this.waitFor(key, frees[index] ?? 0, now)));
    if (wait > 0) return { allowed: false, retryAfterMs: wait };
    for (const key of keys) this.failures.set(key, [...this.recent(key, now), now]);
    return { allowed: true, attempt: { keys, at: now } };
  }

  /** A right password clears its login's record; the address keeps its other failures. */
  succeeded(attempt: LoginAttempt): void {
    const [pair, login, address] = attempt.keys;
    if (pair) this.failures.delete(pair);
    if (login) this.failures.delete(login);
    if (address) this.forgetOne(address, attempt.at);
  }

  private waitFor(key: string, free: number, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length === 0) this.failures.delete(key);
    if (recent.length < free) return 0;
    const delay = Math.min(this.limits.baseDelayMs * 2 ** Math.min(recent.length - free, 30), this.limits.maxDelayMs);
    return Math.max(0, (recent[recent.length - 1] ?? now) + delay - now);
  }

  private recent(key: string, now: number): number[] {
    const since = now - this.limits.windowMs;
    return (this.failures.get(key) ?? []).filter((time) => time > since);
  }

  private forgetOne(key: string, at: number): void {
    const times = this.failures.get(key);
    const index = times?.indexOf(at) ?? -1;
    if (times && index >= 0) times.splice(index, 1);
  }
}

function keysOf(login: string, address: string): string[] {
  const name = login.trim().toLowerCase();
  return [`pair:${name}\u0000${address}`, `login:${name}`, `addr:${address}`];
}

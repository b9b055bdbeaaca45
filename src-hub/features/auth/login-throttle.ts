import type { Clock } from '../../http/clock';

export interface ThrottleLimits {
  /** Failures allowed per login within the window before logins for it are refused. */
  perLogin: number;
  /** Failures allowed per client address within the window. */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = { perLogin: 5, perAddress: 30, windowMs: 15 * 60_000 };

/** Failed logins counted per login and per address in a sliding window (per hub process). */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE,
  ) {}

  /** Milliseconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfterMs(login: string, address: string): number {
    return Math.max(this.wait(`login:${login.toLowerCase()}`, this.limits.perLogin), this.wait(`addr:${address}`, this.limits.perAddress));
  }

  recordFailure(login: string, address: string): void {
    for (const key of [`login:${login.toLowerCase()}`, `addr:${address}`]) {
      const recent = this.recent(key);
      recent.push(this.clock.now().getTime());
      this.failures.set(key, recent);
    }
  }

  recordSuccess(login: string): void {
    this.failures.delete(`login:${login.toLowerCase()}`);
  }

  private recent(key: string): number[] {
    const since = this.clock.now().getTime() - this.limits.windowMs;
    return (this.failures.get(key) ?? []).filter((time) => time > since);
  }

  private wait(key: string, limit: number): number {
    const recent = this.recent(key);
    if (recent.length === 0) this.failures.delete(key);
    if (recent.length < limit) return 0;
    const oldestCounted = recent[recent.length - limit] ?? 0;
    return oldestCounted + this.limits.windowMs - this.clock.now().getTime();
  }
}

import type { Clock } from './sandbox-store';

/**
 * Odoo 18.0's login cool-down (`base/models/res_users.py`, `_assert_can_auth` and `_on_login_cooldown`):
 * failures are counted per database and per source address since the last success, with no time window;
 * once there are `base.login_cooldown_after` (5) of them, attempts are refused unseen — and not counted —
 * until `base.login_cooldown_duration` (60 s) has passed since the last failure. A success clears the count.
 * Both `common.authenticate` and the credential check of `execute_kw` go through it.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, { count: number; last: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly minFailures = 5,
    private readonly delayMs = 60_000,
  ) {}

  private static key(database: string, source: string): string {
    return `${database}\u0000${source}`;
  }

  isOnCooldown(database: string, source: string): boolean {
    const entry = this.failures.get(LoginLimiter.key(database, source));
    return entry !== undefined && entry.count >= this.minFailures && this.clock() - entry.last < this.delayMs;
  }

  recordFailure(database: string, source: string): void {
    const key = LoginLimiter.key(database, source);
    this.failures.set(key, { count: (this.failures.get(key)?.count ?? 0) + 1, last: this.clock() });
  }

  recordSuccess(database: string, source: string): void {
    this.failures.delete(LoginLimiter.key(database, source));
  }

  reset(): void {
    this.failures.clear();
  }
}

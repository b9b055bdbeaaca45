import type { Clock } from './sandbox-store';

/**
 * Odoo's login cool-down (res.users._assert_can_auth): after `maxFailures` failed logins from one address
 * within `windowMs`, that address is refused for `cooldownMs`, whatever it sends. A success clears it.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly lockedUntil = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly maxFailures = 10,
    private readonly windowMs = 60_000,
    private readonly cooldownMs = 60_000,
  ) {}

  isLocked(address: string): boolean {
    const until = this.lockedUntil.get(address);
    if (until === undefined) return false;
    if (this.clock() < until) return true;
    this.lockedUntil.delete(address);
    this.failures.delete(address);
    return false;
  }

  recordFailure(address: string): void {
    const now = this.clock();
    const recent = (this.failures.get(address) ?? []).filter((at) => now - at < this.windowMs);
    recent.push(now);
    this.failures.set(address, recent);
    if (recent.length >= this.maxFailures) this.lockedUntil.set(address, now + this.cooldownMs);
  }

  recordSuccess(address: string): void {
    this.failures.delete(address);
  }

  reset(): void {
    this.failures.clear();
    this.lockedUntil.clear();
  }
}

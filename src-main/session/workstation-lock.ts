/**
 * Whether the workstation is locked, and how many wrong passwords were tried offline. Online the hub throttles
 * unlock tries like sign-ins; offline this does: a few free tries, then a growing wait.
 */
export class WorkstationLock {
  private isLocked = false;
  private failures = 0;
  private blockedUntil = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly freeTries = 5,
    private readonly waitMs = 30_000,
  ) {}

  get locked(): boolean {
    return this.isLocked;
  }

  lock(): void {
    this.isLocked = true;
  }

  /** The right password (or a new sign-in): unlocked, the count of wrong tries starts again. */
  unlock(): void {
    this.isLocked = false;
    this.failures = 0;
    this.blockedUntil = 0;
  }

  /** Milliseconds to wait before another offline try, 0 when one may be made now. */
  waitBeforeTry(): number {
    return Math.max(0, this.blockedUntil - this.now());
  }

  wrongPassword(): void {
    this.failures++;
    if (this.failures >= this.freeTries) this.blockedUntil = this.now() + this.waitMs * (this.failures - this.freeTries + 1);
  }
}

/**
 * The operating system's moments that mean "someone else may sit down": its screen lock (also Windows' user
 * switch), suspend, and macOS fast user switching. Electron's powerMonitor emits them.
 */
export const OS_LOCK_EVENTS = ['lock-screen', 'suspend', 'user-did-resign-active'] as const;

export interface PowerEvents {
  on(event: string, listener: () => void): unknown;
  removeListener(event: string, listener: () => void): unknown;
}

/** Locks at once on each OS event; returns the function that stops listening. */
export function lockOnOsEvents(power: PowerEvents, lock: () => void): () => void {
  const listener = () => lock();
  for (const event of OS_LOCK_EVENTS) power.on(event, listener);
  return () => {
    for (const event of OS_LOCK_EVENTS) power.removeListener(event, listener);
  };
}

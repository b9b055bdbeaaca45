/**
 * `roundTrip` shared among callers: each caller waits for one round trip that began after it asked, and callers
 * asking while one is under way share the next. Under load that is one round trip per batch of requests, not
 * one per request; alone, a caller waits for exactly one.
 */
export function sharedRoundTrips(roundTrip: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const start = (): Promise<void> => {
    const trip: Promise<void> = roundTrip().finally(() => {
      if (running === trip) running = null;
    });
    running = trip;
    return trip;
  };
  return () => {
    if (!running) return start();
    // The one under way may have begun before this caller asked: wait for the one after it.
    next ??= running.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      next = null;
      return start();
    });
    return next;
  };
}

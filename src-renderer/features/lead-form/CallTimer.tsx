import { useEffect, useState } from 'react';
import { formatElapsed, useCallTimerStore } from '../wizards/call-timer.store';

/** The running call started by Call Customer; Log Call takes its minutes and stops it. */
export function CallTimer({ leadId, onLog }: { leadId: string; onLog: () => void }) {
  const startedAt = useCallTimerStore((state) => state.startedAt[leadId]);
  const stop = useCallTimerStore((state) => state.stop);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (startedAt === undefined) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [startedAt]);

  if (startedAt === undefined) return null;
  return (
    <span className="call-timer" role="timer" aria-label="Call timer">
      <span className="call-dot" aria-hidden="true" />
      On call <span className="mono">{formatElapsed(now - startedAt)}</span>
      <button type="button" className="link" onClick={onLog}>
        Log it
      </button>
      <button type="button" className="link muted" onClick={() => stop(leadId)} aria-label="Discard call timer">
        ×
      </button>
    </span>
  );
}

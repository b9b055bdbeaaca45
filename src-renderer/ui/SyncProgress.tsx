import type { SyncProgressEvent } from '../../src-shared/contract/ipc.contract';

/** First sync: a bar that moves with each page, with the count of leads received. */
export function SyncProgress({ progress }: { progress: SyncProgressEvent | null }) {
  if (!progress || progress.done) return null;
  return (
    <div className="sync-progress" role="progressbar" aria-label="Syncing leads" aria-valuetext={`${progress.leads} leads received`}>
      <div className="sync-progress-bar" style={{ width: `${Math.min(95, 10 + progress.pages * 8)}%` }} />
      <span>Syncing… {progress.leads.toLocaleString()} leads received</span>
    </div>
  );
}

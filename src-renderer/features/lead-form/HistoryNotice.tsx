import type { LeadHistory } from './use-lead-history';

/** Says when the lead's history shown is not (all) on this workstation: being read from the hub, or missing offline. */
export function HistoryNotice({ history }: { history: LeadHistory }) {
  if (history.source === 'loading') {
    return (
      <p className="muted history-notice" role="status">
        Loading this lead’s history from the hub…
      </p>
    );
  }
  if (history.source === 'missing') {
    return (
      <p className="history-notice history-missing" role="status">
        History not downloaded on this workstation: this workstation keeps the history of your own leads only. It shows here when the hub can be reached.
      </p>
    );
  }
  return null;
}

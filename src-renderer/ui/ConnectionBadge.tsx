import type { ConnectionState } from '../../src-shared/contract/ipc.contract';

const LABELS = { online: 'Online', reconnecting: 'Reconnecting…', offline: 'Offline', update_required: 'Update required' } as const;

/** The hub connection at a glance: green online, amber reconnecting, grey offline, red when the hub needs a newer app. */
export function ConnectionBadge({ connection, online }: { connection: ConnectionState | null; online: boolean }) {
  const state = connection?.state ?? (online ? 'online' : 'offline');
  return (
    <span className={`badge badge-${state}`} role="status" aria-label={`Hub connection: ${LABELS[state]}`}>
      <span className="dot" aria-hidden="true" />
      {LABELS[state]}
    </span>
  );
}

import type { CallLogListItem } from '../../../src-shared/contract/lead-work.schema';
import { CALL_RESULT_LABELS } from '../../../src-shared/domain/call-results';
import { formatWhen } from '../wizards/local-time';

interface CallLogsTableProps {
  callLogs: CallLogListItem[];
  agentName: ReadonlyMap<string, string>;
  showAgent: boolean;
  onOpen(leadId: string): void;
  busy: boolean;
}

/** One page of call logs, newest first; a row opens its lead. */
export function CallLogsTable({ callLogs, agentName, showAgent, onOpen, busy }: CallLogsTableProps) {
  return (
    <div className="data-table-scroll">
      <table className={busy ? 'data-table call-logs-table is-busy' : 'data-table call-logs-table'} aria-label="Call logs">
        <colgroup>
          <col style={{ width: 175 }} />
          {showAgent && <col style={{ width: 150 }} />}
          <col style={{ width: 300 }} />
          <col style={{ width: 120 }} />
          <col style={{ width: 80 }} />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th><span className="th-label">Time</span></th>
            {showAgent && <th><span className="th-label">Agent</span></th>}
            <th><span className="th-label">Lead</span></th>
            <th><span className="th-label">Result</span></th>
            <th><span className="th-label">Duration</span></th>
            <th><span className="th-label">Summary</span></th>
          </tr>
        </thead>
        <tbody>
          {callLogs.map((log) => (
            <tr key={log.id} data-call-log-id={log.id} onClick={() => onOpen(log.leadId)}>
              <td>{formatWhen(log.createdAt)}</td>
              {showAgent && <td>{agentName.get(log.userId) ?? '…'}</td>}
              <td>
                <button type="button" className="link mono">
                  {log.leadRef}
                </button>
                <span className="muted"> · {log.customerName}</span>
              </td>
              <td>
                <span className={log.result === 'answered' ? 'pill pill-green' : 'pill pill-grey'}>{CALL_RESULT_LABELS[log.result]}</span>
              </td>
              <td>{log.durationMin} min</td>
              <td title={log.summary}>{log.summary || <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

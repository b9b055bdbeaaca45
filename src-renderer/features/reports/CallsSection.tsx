import type { CallsReport } from '../../../src-shared/contract/reports.schema';
import { CALL_RESULTS, CALL_RESULT_LABELS } from '../../../src-shared/domain/call-results';
import { callsByAgent } from './calls-by-agent';
import { formatCount, formatDay } from './report-format';
import { CallsChart } from './CallsChart';
import { ReportSection } from './ReportSection';

/** Calls logged per agent and floor day, by the result the agent chose in Log Call. */
export function CallsSection({ calls }: { calls: CallsReport }) {
  const agents = callsByAgent(calls);
  const total = agents.reduce((sum, agent) => sum + agent.total, 0);
  return (
    <ReportSection
      title="Calls per agent per day"
      className="calls-report"
      note={`${formatCount(total)} calls logged, by result; days are the floor's`}
      empty={agents.length === 0 ? 'No calls were logged in this period.' : null}
      chart={<CallsChart agents={agents} />}
      table={
        <table className="report-table" aria-label="Calls per agent per day">
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col">Day</th>
              {CALL_RESULTS.map((result) => (
                <th key={result} scope="col" className="num">
                  {CALL_RESULT_LABELS[result]}
                </th>
              ))}
              <th scope="col" className="num">Total</th>
            </tr>
          </thead>
          <tbody>
            {agents.flatMap((agent) =>
              agent.days
                .filter((day) => day.total > 0)
                .map((day) => (
                  <tr key={`${agent.userId} ${day.day}`}>
                    <th scope="row">{agent.name}</th>
                    <td>
                      <time dateTime={day.day}>{formatDay(day.day)}</time>
                    </td>
                    {CALL_RESULTS.map((result) => (
                      <td key={result} className="num">
                        {formatCount(day[result])}
                      </td>
                    ))}
                    <td className="num strong">{formatCount(day.total)}</td>
                  </tr>
                )),
            )}
          </tbody>
        </table>
      }
    />
  );
}

import type { LostReasonsReport } from '../../../src-shared/contract/reports.schema';
import { LOST_REASON_LABELS } from '../../../src-shared/domain/lost-reasons';
import { COLORS } from './report-colors';
import { formatCount, formatShare } from './report-format';
import { HorizontalBars } from './HorizontalBars';
import { ReportSection } from './ReportSection';

/** Lost leads of the range by the reason the agent chose in the Lost wizard, in the wizard's order. */
export function LostReasonsSection({ lostReasons }: { lostReasons: LostReasonsReport }) {
  const total = lostReasons.reduce((sum, row) => sum + row.leads, 0);
  return (
    <ReportSection
      title="Lost reasons"
      note={`${formatCount(total)} lost leads`}
      empty={total === 0 ? 'No lead created in this period was lost.' : null}
      chart={<HorizontalBars rows={lostReasons.map((row) => ({ label: LOST_REASON_LABELS[row.reason], value: row.leads, color: COLORS.badSoft }))} valueName="Lost leads" />}
      table={
        <table className="report-table" aria-label="Lost reasons">
          <thead>
            <tr>
              <th scope="col">Reason</th>
              <th scope="col" className="num">Leads</th>
              <th scope="col" className="num">Share</th>
            </tr>
          </thead>
          <tbody>
            {lostReasons.map((row) => (
              <tr key={row.reason}>
                <th scope="row">{LOST_REASON_LABELS[row.reason]}</th>
                <td className="num">{formatCount(row.leads)}</td>
                <td className="num">{formatShare(row.leads, total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

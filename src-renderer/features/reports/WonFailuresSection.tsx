import type { WonFailuresReport } from '../../../src-shared/contract/reports.schema';
import { formatWhen } from '../wizards/local-time';
import { COLORS } from './report-colors';
import { formatCount } from './report-format';
import { HorizontalBars } from './HorizontalBars';
import { ReportSection } from './ReportSection';

/**
 * Sales waiting on a dealer: open leads whose last Mark as Won push failed, per dealership, now. All Leads
 * lists them ("Won push failed" filter) to work through once the dealer is back.
 */
export function WonFailuresSection({ wonFailures }: { wonFailures: WonFailuresReport }) {
  const total = wonFailures.reduce((sum, row) => sum + row.leads, 0);
  return (
    <ReportSection
      title="Failed Won pushes"
      note={`${formatCount(total)} open leads wait on a dealer now`}
      empty={total === 0 ? 'No open lead waits on a failed Mark as Won.' : null}
      chart={<HorizontalBars rows={wonFailures.map((row) => ({ label: row.dealershipName, value: row.leads, color: COLORS.bad }))} valueName="Leads waiting" />}
      table={
        <table className="report-table" aria-label="Failed Won pushes by dealership">
          <thead>
            <tr>
              <th scope="col">Dealership</th>
              <th scope="col" className="num">Leads</th>
              <th scope="col">Oldest failure</th>
              <th scope="col">Last error</th>
            </tr>
          </thead>
          <tbody>
            {wonFailures.map((row) => (
              <tr key={row.dealershipId}>
                <th scope="row">{row.dealershipName}</th>
                <td className="num">{formatCount(row.leads)}</td>
                <td>{formatWhen(row.oldestFailedAt)}</td>
                <td className="report-error-text">{row.lastError}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

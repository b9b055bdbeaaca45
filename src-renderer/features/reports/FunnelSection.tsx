import type { FunnelReport } from '../../../src-shared/contract/reports.schema';
import { COLORS } from './report-colors';
import { formatCount, formatShare } from './report-format';
import { HorizontalBars } from './HorizontalBars';
import { ReportSection } from './ReportSection';

function stageColor(stage: FunnelReport[number]): string {
  if (stage.isWon) return COLORS.ok;
  if (stage.isLost) return COLORS.lost;
  return COLORS.accent;
}

/** Leads created in the range by the stage they are in now, in pipeline order. */
export function FunnelSection({ funnel }: { funnel: FunnelReport }) {
  const total = funnel.reduce((sum, stage) => sum + stage.leads, 0);
  return (
    <ReportSection
      title="Pipeline funnel"
      note={`${formatCount(total)} leads created in the period, by their stage now`}
      empty={total === 0 ? 'No leads were created in this period.' : null}
      chart={<HorizontalBars rows={funnel.map((stage) => ({ label: stage.stageName, value: stage.leads, color: stageColor(stage) }))} valueName="Leads" />}
      table={
        <table className="report-table" aria-label="Pipeline funnel">
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col" className="num">Leads</th>
              <th scope="col" className="num">Share</th>
            </tr>
          </thead>
          <tbody>
            {funnel.map((stage) => (
              <tr key={stage.stageId}>
                <th scope="row">{stage.stageName}</th>
                <td className="num">{formatCount(stage.leads)}</td>
                <td className="num">{formatShare(stage.leads, total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

import type { SpeedToLeadReport } from '../../../src-shared/contract/reports.schema';
import { COLORS } from './report-colors';
import { formatCount } from './report-format';
import { HorizontalBars } from './HorizontalBars';
import { ReportSection } from './ReportSection';

type Row = SpeedToLeadReport['groups'][number] | (SpeedToLeadReport['overall'] & { dimension: 'overall'; key: 'all'; label: string });

const DIMENSION_LABELS: Record<Row['dimension'], string> = { overall: 'All leads', brand: 'Brand', source: 'Source', agent: 'Agent' };

function minutes(value: number | null): string {
  if (value === null) return '—';
  return value < 60 ? `${value} min` : `${Math.round((value / 60) * 10) / 10} h`;
}

/**
 * Speed to lead: how long new leads waited to be claimed and to get their first call, as median and p90 —
 * the first minutes decide a vehicle lead. Per brand, source and agent (the first to claim).
 */
export function SpeedToLeadSection({ speedToLead }: { speedToLead: SpeedToLeadReport }) {
  const rows: Row[] = [{ ...speedToLead.overall, dimension: 'overall', key: 'all', label: 'Every lead of the period' }, ...speedToLead.groups];
  const brands = speedToLead.groups.filter((group) => group.dimension === 'brand' && group.toClaim.medianMinutes !== null);
  return (
    <ReportSection
      title="Speed to lead"
      note={`median ${minutes(speedToLead.overall.toClaim.medianMinutes)} to claim, ${minutes(speedToLead.overall.toFirstCall.medianMinutes)} to first call`}
      empty={speedToLead.overall.leads === 0 ? 'No leads were created in this period.' : null}
      chart={<HorizontalBars rows={brands.map((group) => ({ label: group.label, value: group.toClaim.medianMinutes ?? 0, color: COLORS.accent }))} valueName="Median minutes to claim" />}
      table={
        <table className="report-table" aria-label="Speed to lead">
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col" className="num">Leads</th>
              <th scope="col" className="num">Claimed</th>
              <th scope="col" className="num">To claim, median</th>
              <th scope="col" className="num">To claim, p90</th>
              <th scope="col" className="num">Called</th>
              <th scope="col" className="num">To first call, median</th>
              <th scope="col" className="num">To first call, p90</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.dimension}:${row.key}`}>
                <th scope="row">
                  <span className="muted">{DIMENSION_LABELS[row.dimension]}:</span> {row.label}
                </th>
                <td className="num">{formatCount(row.leads)}</td>
                <td className="num">{formatCount(row.toClaim.leads)}</td>
                <td className="num">{minutes(row.toClaim.medianMinutes)}</td>
                <td className="num">{minutes(row.toClaim.p90Minutes)}</td>
                <td className="num">{formatCount(row.toFirstCall.leads)}</td>
                <td className="num">{minutes(row.toFirstCall.medianMinutes)}</td>
                <td className="num">{minutes(row.toFirstCall.p90Minutes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

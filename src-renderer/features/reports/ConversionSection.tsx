import { formatCount, formatRate } from './report-format';
import { ConversionBars, type ConversionRow } from './ConversionBars';
import { ReportSection } from './ReportSection';

interface ConversionSectionProps {
  title: string;
  /** The first column's heading: Agent or Brand. */
  subject: string;
  rows: (ConversionRow & { leads: number })[];
  empty: string;
}

/** Won, lost and open leads per agent or brand, and the conversion rate won / (won + lost). */
export function ConversionSection({ title, subject, rows, empty }: ConversionSectionProps) {
  return (
    <ReportSection
      title={title}
      note="conversion = won ÷ (won + lost)"
      empty={rows.length === 0 ? empty : null}
      chart={<ConversionBars rows={rows} />}
      table={
        <table className="report-table" aria-label={title}>
          <thead>
            <tr>
              <th scope="col">{subject}</th>
              <th scope="col" className="num">Leads</th>
              <th scope="col" className="num">Open</th>
              <th scope="col" className="num">Won</th>
              <th scope="col" className="num">Lost</th>
              <th scope="col" className="num">Conversion</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.name}</th>
                <td className="num">{formatCount(row.leads)}</td>
                <td className="num">{formatCount(row.open)}</td>
                <td className="num">{formatCount(row.won)}</td>
                <td className="num">{formatCount(row.lost)}</td>
                <td className="num strong">{formatRate(row.conversionRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

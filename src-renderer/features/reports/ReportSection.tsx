import { useId, useState, type ReactNode } from 'react';

interface ReportSectionProps {
  title: string;
  /** What the figures count, in a few words. */
  note?: ReactNode;
  /** Shown instead of the chart and the table when there is nothing to show. */
  empty?: string | null;
  chart: ReactNode;
  table: ReactNode;
  className?: string;
  /** h3 for a report of the page, h4 for one inside a group. */
  level?: 3 | 4;
}

/**
 * A report: its chart, or its table on demand. The table is always in the page — visually hidden while the
 * chart shows — so it is the accessible form of the same numbers; the chart is hidden from assistive technology.
 */
export function ReportSection({ title, note, empty, chart, table, className, level = 3 }: ReportSectionProps) {
  const [asTable, setAsTable] = useState(false);
  const titleId = useId();
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <section className={className ? `report-section ${className}` : 'report-section'} aria-labelledby={titleId}>
      <header className="report-section-head">
        <Heading id={titleId}>{title}</Heading>
        {note && <span className="report-note">{note}</span>}
        <span className="spacer" />
        {!empty && (
          <span className="report-toggle" role="group" aria-label={`Show ${title} as`}>
            <button type="button" aria-pressed={!asTable} onClick={() => setAsTable(false)}>
              Chart
            </button>
            <button type="button" aria-pressed={asTable} onClick={() => setAsTable(true)}>
              Table
            </button>
          </span>
        )}
      </header>
      {empty ? (
        <p className="report-empty">{empty}</p>
      ) : (
        <>
          {/* The table is the accessible view; the chart is hidden from assistive technology, so its charts are
              built with accessibilityLayer={false} (recharts would otherwise make the surface a tab stop). */}
          {!asTable && <div aria-hidden="true">{chart}</div>}
          {/* sr-only: the app's visually-hidden class (app-wide, in wizards.css). */}
          <div className={asTable ? 'report-table-wrap' : 'sr-only'}>{table}</div>
        </>
      )}
    </section>
  );
}

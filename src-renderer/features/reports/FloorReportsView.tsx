import type { FloorReports } from '../../../src-shared/contract/reports.schema';
import type { ConversionRow } from './ConversionBars';
import { CallsSection } from './CallsSection';
import { ConversionSection } from './ConversionSection';
import { FunnelSection } from './FunnelSection';
import { LostReasonsSection } from './LostReasonsSection';
import { OpenAgeSection } from './OpenAgeSection';
import { ReportFilters } from './ReportFilters';
import { SpeedToLeadSection } from './SpeedToLeadSection';
import { WonFailuresSection } from './WonFailuresSection';
import { buildReportQuery } from './report-range';
import { useReportFilter } from './report-filter-store';
import { useFloorReports } from './use-floor-reports';
import './reports.css';

type ConversionInput = Omit<ConversionRow, 'key' | 'name'> & { leads: number };

/** Most leads first: the bars read from the busiest down. */
function byLeads<T extends { leads: number; name: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => b.leads - a.leads || a.name.localeCompare(b.name));
}

function conversion(row: ConversionInput, key: string, name: string): ConversionRow & { leads: number } {
  return { key, name, leads: row.leads, open: row.open, won: row.won, lost: row.lost, conversionRate: row.conversionRate };
}

/** The supervisors' and managers' view of the floor: every figure from the hub, for the chosen period and brand. */
export function FloorReportsView() {
  const { preset, customFrom, customTo, brand } = useReportFilter();
  // Rebuilt on every render (cheap); the reports reload only when the query's text changes, e.g. at midnight.
  const built = buildReportQuery({ preset, customFrom, customTo, brand }, new Date());
  const { reports, loading, error, reload } = useFloorReports(built.ok ? built.query : null);

  return (
    <section className="board reports" aria-label="Floor Reports">
      <ReportFilters loading={loading} onRefresh={reload} rangeError={built.ok ? null : built.message} />
      <div className="reports-body">
        {!built.ok ? (
          <p className="report-message" role="alert">
            {built.message}
          </p>
        ) : error ? (
          <div className="report-message report-error" role="alert">
            <p>{error}</p>
            <button type="button" onClick={reload}>
              Try again
            </button>
          </div>
        ) : reports ? (
          <ReportsGrid reports={reports} />
        ) : (
          <p className="report-message">Loading reports…</p>
        )}
      </div>
    </section>
  );
}

function ReportsGrid({ reports }: { reports: FloorReports }) {
  const agents = byLeads(reports.agents.map((agent) => conversion(agent, agent.userId, agent.active ? agent.name : `${agent.name} (inactive)`)));
  const brands = byLeads(reports.brands.map((row) => conversion(row, row.brand, row.brand)));
  return (
    <div className="reports-grid">
      <OpenAgeSection openAge={reports.openAge} />
      <WonFailuresSection wonFailures={reports.wonFailures} />
      <SpeedToLeadSection speedToLead={reports.speedToLead} />
      <FunnelSection funnel={reports.funnel} />
      <LostReasonsSection lostReasons={reports.lostReasons} />
      <ConversionSection title="Conversion & Won by agent" subject="Agent" rows={agents} empty="No agent holds a lead created in this period." />
      <ConversionSection title="Conversion & Won by brand" subject="Brand" rows={brands} empty="No leads were created in this period." />
      <CallsSection calls={reports.calls} />
    </div>
  );
}

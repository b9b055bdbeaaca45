import { RANGE_PRESETS, type RangePreset } from './report-range';
import { useReportFilter } from './report-filter-store';
import { useReportBrands } from './use-report-brands';

interface ReportFiltersProps {
  loading: boolean;
  onRefresh(): void;
  /** Why the custom dates cannot be asked for, or null. */
  rangeError: string | null;
}

/** The Floor Reports toolbar: the period (a preset or custom days), the brand, and Refresh. */
export function ReportFilters({ loading, onRefresh, rangeError }: ReportFiltersProps) {
  const { preset, customFrom, customTo, brand, set, choosePreset } = useReportFilter();
  const brands = useReportBrands();
  return (
    <div className="board-toolbar report-filters">
      <h2>Floor Reports</h2>
      <span className="spacer" />
      {loading && (
        <span className="board-hint" role="status">
          Loading…
        </span>
      )}
      <select value={preset} onChange={(event) => choosePreset(event.target.value as RangePreset, new Date())} aria-label="Period">
        {RANGE_PRESETS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {preset === 'custom' && (
        <>
          <label className="report-date">
            From <input type="date" value={customFrom} max={customTo || undefined} onChange={(event) => set({ customFrom: event.target.value })} aria-invalid={rangeError !== null} />
          </label>
          <label className="report-date">
            To <input type="date" value={customTo} min={customFrom || undefined} onChange={(event) => set({ customTo: event.target.value })} aria-invalid={rangeError !== null} />
          </label>
        </>
      )}
      <select value={brand} onChange={(event) => set({ brand: event.target.value })} aria-label="Brand">
        <option value="">All brands</option>
        {brands.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <button type="button" onClick={onRefresh} disabled={loading} title="Ask the hub again">
        Refresh
      </button>
    </div>
  );
}

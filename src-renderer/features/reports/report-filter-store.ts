import { create } from 'zustand';
import { dateInputValue, presetRange, type RangePreset, type ReportFilter } from './report-range';

interface ReportFilterState extends ReportFilter {
  set(patch: Partial<ReportFilter>): void;
  /** Switching to custom dates starts from the days the previous preset covered. */
  choosePreset(preset: RangePreset, now: Date): void;
}

export const DEFAULT_REPORT_FILTER: ReportFilter = { preset: 'last-7-days', customFrom: '', customTo: '', brand: '' };

/** The Floor Reports filters: UI state that survives switching views. */
export const useReportFilter = create<ReportFilterState>((set, get) => ({
  ...DEFAULT_REPORT_FILTER,
  set: (patch) => set(patch),
  choosePreset: (preset, now) => {
    const previous = get().preset;
    if (preset !== 'custom' || previous === 'custom') return set({ preset });
    const { from, to } = presetRange(previous, now);
    const lastDay = new Date(to.getFullYear(), to.getMonth(), to.getDate() - 1);
    set({ preset, customFrom: dateInputValue(from), customTo: dateInputValue(lastDay) });
  },
}));

import { create } from 'zustand';
import { EMPTY_CALL_LOGS_FILTER, type CallLogsFilter } from './call-logs-query';

interface CallLogsFilterState extends CallLogsFilter {
  set(patch: Partial<CallLogsFilter>): void;
  clear(): void;
}

/** Call Logs' filters: UI state that survives switching views. */
export const useCallLogsFilter = create<CallLogsFilterState>((set) => ({
  ...EMPTY_CALL_LOGS_FILTER,
  set: (patch) => set(patch),
  clear: () => set(EMPTY_CALL_LOGS_FILTER),
}));

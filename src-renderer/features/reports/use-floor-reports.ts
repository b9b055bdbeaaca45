import { useCallback, useEffect, useState } from 'react';
import type { FloorReports, ReportQueryInput } from '../../../src-shared/contract/reports.schema';
import { call, crm } from '../../bridge/crm';

export interface FloorReportsState {
  /** The last reports received; kept on screen while newer ones load. */
  reports: FloorReports | null;
  loading: boolean;
  /** The hub's (or main's) message, shown as is. */
  error: string | null;
  reload(): void;
}

/** Every floor report for the query, in one IPC call; a newer query wins over an older answer. */
export function useFloorReports(query: ReportQueryInput | null): FloorReportsState {
  const key = query ? JSON.stringify(query) : null;
  const [reports, setReports] = useState<FloorReports | null>(null);
  const [loading, setLoading] = useState(query !== null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (key === null) return;
    let live = true;
    setLoading(true);
    setError(null);
    call(crm().floorReports(JSON.parse(key) as ReportQueryInput))
      .then((answer) => live && setReports(answer))
      .catch((failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  return { reports, loading: key !== null && loading, error, reload };
}

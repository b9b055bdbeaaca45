import { callLogPageSchema } from '../../src-shared/contract/lead-work.schema';
import { leadPageSchema } from '../../src-shared/contract/leads.schema';
import { REPORT_PATHS, floorReportsSchema, type FloorReports } from '../../src-shared/contract/reports.schema';
import type { HubClient } from '../hub/hub-client';
import type { IpcHandlers } from '../ipc/ipc-dispatcher';
import { exportLeadsCsv, type ChooseSavePath } from './csv-export';

export interface FloorDeps {
  hub: () => HubClient;
  /** A read from the hub (no pull). */
  read: <T>(call: () => Promise<T>) => Promise<T>;
  chooseSavePath: ChooseSavePath;
}

type FloorChannels = 'leads:list' | 'leads:export-csv' | 'call-logs:list' | 'reports:floor';

/** Query-string values: the hub parses text (undefined parameters are left out). */
function asQuery(query: object): Record<string, string | number | undefined> {
  return Object.fromEntries(Object.entries(query).map(([key, value]) => [key, value === undefined ? undefined : typeof value === 'number' ? value : String(value)]));
}

/** The supervisors' and managers' queries: the hub filters, sorts and pages; main only forwards and parses. */
export function floorHandlers(deps: FloorDeps): Pick<IpcHandlers, FloorChannels> {
  return {
    'leads:list': (query) => deps.read(() => deps.hub().request({ method: 'GET', path: '/leads', query: asQuery(query), schema: leadPageSchema, idempotent: true })),
    'leads:export-csv': (query) => deps.read(() => exportLeadsCsv(deps.hub(), asQuery(query), deps.chooseSavePath)),
    'call-logs:list': (query) => deps.read(() => deps.hub().request({ method: 'GET', path: '/call-logs', query: asQuery(query), schema: callLogPageSchema, idempotent: true })),
    'reports:floor': (query) =>
      deps.read(async () => {
        const hub = deps.hub();
        const keys = Object.keys(REPORT_PATHS) as (keyof FloorReports)[];
        const shapes = floorReportsSchema.shape;
        const values = await Promise.all(
          keys.map((key) => hub.request({ method: 'GET', path: REPORT_PATHS[key], query: asQuery(query), schema: shapes[key], idempotent: true })),
        );
        return floorReportsSchema.parse(Object.fromEntries(keys.map((key, index) => [key, values[index]])));
      }),
  };
}

import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import {
  REPORT_PATHS,
  agentsReportSchema,
  brandsReportSchema,
  callsReportSchema,
  funnelReportSchema,
  lostReasonsReportSchema,
  openAgeReportSchema,
  reportQuerySchema,
  wonFailuresReportSchema,
  speedToLeadReportSchema,
  type FloorReports,
  type ReportQuery,
} from '../../../src-shared/contract/reports.schema';
import { capabilitiesOf } from '../../../src-shared/domain/roles';
import type { HubContext } from '../../hub-context';
import { forbidden } from '../../http/hub-error';
import { route } from '../../http/route';
import { callsReport } from './calls-report.repo';
import { openAgeReport } from './open-age.repo';
import { agentsReport, brandsReport, funnelReport, lostReasonsReport } from './reports.repo';
import { wonFailuresReport } from './won-failures.repo';
import { speedToLeadReport } from './speed-to-lead.repo';

interface ReportRoute {
  summary: string;
  response: z.ZodType;
  build: (hub: HubContext, query: ReportQuery) => Promise<unknown>;
}

const RANGE = 'over leads created in [from, to), of one brand if given';

const REPORTS: Record<keyof FloorReports, ReportRoute> = {
  funnel: {
    summary: `Floor report: leads per current stage ${RANGE}; every stage by sequence, 0 included`,
    response: funnelReportSchema,
    build: (hub, query) => funnelReport(hub.db, query),
  },
  agents: {
    summary: `Floor report: leads, open, won, lost and conversion won/(won+lost) per assigned agent ${RANGE}`,
    response: agentsReportSchema,
    build: (hub, query) => agentsReport(hub.db, query),
  },
  brands: {
    summary: `Floor report: leads, open, won, lost and conversion won/(won+lost) per brand ${RANGE}`,
    response: brandsReportSchema,
    build: (hub, query) => brandsReport(hub.db, query),
  },
  lostReasons: {
    summary: `Floor report: lost leads per reason ${RANGE}; every reason, 0 included`,
    response: lostReasonsReportSchema,
    build: (hub, query) => lostReasonsReport(hub.db, query),
  },
  openAge: {
    summary: 'Floor report: unclaimed open leads now by age (histogram) and the 20 oldest; the date range does not apply, the brand does',
    response: openAgeReportSchema,
    build: (hub, query) => openAgeReport(hub.db, query, hub.clock.now()),
  },
  calls: {
    summary: 'Floor report: calls made in [from, to) per agent, floor day (UTC shifted by utcOffsetMinutes) and result; brand is the called lead\'s',
    response: callsReportSchema,
    build: (hub, query) => callsReport(hub.db, query),
  },
  wonFailures: {
    summary: 'Floor report: open leads whose last Mark as Won push failed, per dealership, now (the date range does not apply, the brand does)',
    response: wonFailuresReportSchema,
    build: (hub, query) => wonFailuresReport(hub.db, query),
  },
  speedToLead: {
    summary: `Floor report: minutes from arrival to first claim and to first call (median, p90), overall and per brand, source and first claimer, ${RANGE}`,
    response: speedToLeadReportSchema,
    build: (hub, query) => speedToLeadReport(hub.db, query),
  },
};

/** `GET /reports/<name>`: the floor reports, for supervisors and managers. */
export function registerReportsRoutes(app: FastifyInstance, hub: HubContext): void {
  for (const key of Object.keys(REPORTS) as Array<keyof FloorReports>) {
    const report = REPORTS[key];
    route(
      app,
      hub,
      { method: 'GET', url: REPORT_PATHS[key], tag: 'reports', summary: report.summary, auth: 'user', query: reportQuerySchema, response: report.response, errors: ['forbidden'] },
      ({ user, query }) => {
        if (!capabilitiesOf(user.role).reports) throw forbidden('Floor reports are for supervisors and managers.');
        return report.build(hub, query);
      },
    );
  }
}

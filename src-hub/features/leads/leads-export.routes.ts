import type { FastifyInstance } from 'fastify';
import { leadsExportQuerySchema } from '../../../src-shared/contract/leads.schema';
import { capabilitiesOf } from '../../../src-shared/domain/roles';
import type { HubContext } from '../../hub-context';
import { forbidden } from '../../http/hub-error';
import { route } from '../../http/route';
import { exportFileName } from './leads-csv';
import { leadsCsvStream } from './leads-export.service';

export function registerLeadsExportRoutes(app: FastifyInstance, hub: HubContext): void {
  route(
    app,
    hub,
    {
      method: 'GET',
      url: '/leads/export.csv',
      tag: 'leads',
      summary:
        'CSV of every lead matching the filters of GET /leads (no paging), streamed (supervisors and managers). Columns: Reference, Customer, Phone, Email, Brand, Vehicle model, Dealership, Source, Stage, Assigned agent, Created, Updated, Lost reason, Dealer SO; RFC 4180 quoting, line breaks inside fields written as spaces, formula-looking fields prefixed with an apostrophe',
      auth: 'user',
      query: leadsExportQuerySchema,
      errors: ['forbidden'],
      raw: true,
      contentType: 'text/csv',
    },
    async ({ user, query, reply }) => {
      // The export is All Leads' download: the same people, the same scope rules (leadFilters) as the list.
      if (!capabilitiesOf(user.role).allLeadsMenu) throw forbidden('Exporting leads is for supervisors and managers.');
      const csv = await leadsCsvStream(hub.db, user, query);
      csv.on('error', (error) => hub.log.error('lead export stopped mid-stream', error));
      return reply
        .code(200)
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${exportFileName(hub.clock.now())}"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );
}

import type { FastifyInstance } from 'fastify';
import { mailOutboxPageSchema, mailOutboxQuerySchema } from '../../../src-shared/contract/config.schema';
import { capabilitiesOf } from '../../../src-shared/domain/roles';
import { forbidden } from '../../http/hub-error';
import { route } from '../../http/route';
import type { HubContext } from '../../hub-context';
import { listOutbox } from './mail-outbox.repo';

export function registerMailRoutes(app: FastifyInstance, hub: HubContext): void {
  route(
    app,
    hub,
    {
      method: 'GET',
      url: '/mail-outbox',
      tag: 'config',
      summary: 'The hub\'s e-mails (manager notices, activity reminders): queued, sent, retrying, failed, with their last error',
      auth: 'user',
      query: mailOutboxQuerySchema,
      response: mailOutboxPageSchema,
      errors: ['forbidden'],
    },
    ({ user, query }) => {
      if (!capabilitiesOf(user.role).configure) throw forbidden('Only managers can see the mail outbox.');
      return listOutbox(hub.db, query);
    },
  );
}

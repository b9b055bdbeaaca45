import type { FastifyInstance } from 'fastify';
import { setUnclaimedAlertBodySchema, unclaimedAlertListSchema } from '../../../src-shared/contract/config.schema';
import type { HubContext } from '../../hub-context';
import { route } from '../../http/route';
import { listUnclaimedAlerts, setUnclaimedAlert } from './unclaimed-alerts.service';

const tag = 'config';

/**
 * Unclaimed-lead alerts: a manager sets, per brand, how long an unclaimed lead may wait; each supervisor's
 * and manager's desktop notifies from its own replica (nothing is escalated, reassigned or moved).
 */
export function registerUnclaimedAlertRoutes(app: FastifyInstance, hub: HubContext): void {
  route(
    app,
    hub,
    { method: 'GET', url: '/unclaimed-alerts', tag, summary: 'Unclaimed-lead alert thresholds by brand (supervisors, managers)', auth: 'user', response: unclaimedAlertListSchema, errors: ['forbidden'] },
    ({ user }) => listUnclaimedAlerts(hub, user),
  );
  route(
    app,
    hub,
    {
      method: 'POST',
      url: '/unclaimed-alerts',
      tag,
      summary: "Set a brand's unclaimed-lead alert (managers)",
      description:
        'afterMinutes: whole minutes from 1 to 1440, or null to turn the alert off. Brands match ignoring case (the spelling given is kept). Answers every brand\'s threshold.',
      auth: 'user',
      body: setUnclaimedAlertBodySchema,
      response: unclaimedAlertListSchema,
      errors: ['forbidden'],
    },
    ({ user, body }) => setUnclaimedAlert(hub, user, body),
  );
}

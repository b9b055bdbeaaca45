import type { FastifyInstance } from 'fastify';
import { emptyBodySchema, idParamsSchema } from '../../../src-shared/contract/fields.schema';
import { describeRelayAllowList, RELAY_LEASE_HEADER, relayParamsSchema, relayRequestSchema, relayResponseSchema } from '../../../src-shared/contract/relay.schema';
import { testLeaseResponseSchema, type TestLeaseResponse } from '../../../src-shared/contract/won.schema';
import { capabilitiesOf } from '../../../src-shared/domain/roles';
import { forbidden } from '../../http/hub-error';
import { route } from '../../http/route';
import type { HubContext } from '../../hub-context';
import type { AuthUser } from '../auth/auth-user';
import { dealershipOrNotFound, requireConnection } from './dealer-connection';
import { insertLease } from './relay-leases.repo';
import { DealerRelay } from './relay.service';

const tag = 'dealer-relay';

/** Test Connection: a short lease for a manager, opening the relay of one dealership. */
async function takeTestLease(hub: HubContext, user: AuthUser, dealershipId: string): Promise<TestLeaseResponse> {
  return hub.db.transaction(async (tx) => {
    const dealership = await dealershipOrNotFound(tx, dealershipId);
    if (!capabilitiesOf(user.role).configure) {
      throw forbidden(`Only managers can run Test Connection. Ask a manager to run Test Connection on dealership "${dealership.name}".`);
    }
    requireConnection(dealership, 'Test Connection has nothing to test');
    const lease = await insertLease(tx, { kind: 'test', leadId: null, dealershipId: dealership.id, userId: user.id, now: hub.clock.now(), ttlMs: hub.config.testLeaseMs });
    return { leaseId: lease.id };
  });
}

export function registerRelayRoutes(app: FastifyInstance, hub: HubContext): void {
  const relay = new DealerRelay(hub);
  route(
    app,
    hub,
    {
      method: 'POST',
      url: '/dealer-relay/:dealershipId/jsonrpc',
      tag,
      summary: 'Forward an Odoo JSON-RPC call to the dealer with database, uid and API key filled in (holder of an X-Relay-Lease only)',
      description:
        'Holder of the lease in X-Relay-Lease (the push id of Mark as Won, or a Test Connection lease): forwards an Odoo JSON-RPC body to the ' +
        "dealership's Odoo, filling in database, uid and API key (object.execute_kw args 0–2 are sent as null). " +
        `${describeRelayAllowList()} Answers the dealer's envelope as is; each call is logged.`,
      auth: 'user',
      params: relayParamsSchema,
      body: relayRequestSchema,
      response: relayResponseSchema,
      errors: ['forbidden', 'dealership_not_configured', 'dealer_unreachable'],
    },
    ({ user, params, body, request }) => relay.forward(user, params.dealershipId, request.headers[RELAY_LEASE_HEADER], body),
  );
  route(
    app,
    hub,
    {
      method: 'POST',
      url: '/dealerships/:id/test-lease',
      tag,
      summary: 'A lease for Test Connection through the dealer relay (managers)',
      auth: 'user',
      params: idParamsSchema,
      body: emptyBodySchema,
      response: testLeaseResponseSchema,
      errors: ['forbidden', 'dealership_not_configured'],
    },
    ({ user, params }) => takeTestLease(hub, user, params.id),
  );
}

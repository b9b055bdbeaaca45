import type { IntakeBody, IntakeResponse, NewCustomer } from '../../../src-shared/contract/intake.schema';
import type { CreateLeadBody } from '../../../src-shared/contract/leads.schema';
import { customerKeys } from '../../../src-shared/domain/customer';
import { firstOpenStage } from '../../../src-shared/domain/stages';
import type { Sql } from '../../db/database';
import { HubError } from '../../http/hub-error';
import type { HubContext } from '../../hub-context';
import type { AuthUser } from '../auth/auth-user';
import { insertMessage } from '../chatter/messages.repo';
import { insertLead } from '../leads/lead-create.repo';
import { placeOf } from '../leads/lead-row';
import { loadStages } from '../stages/stages.repo';
import {
  customerLockKeys,
  externalLockKey,
  findByExternalId,
  findOpenLeadOf,
  lockMatchKeys,
  recordMergedExternalId,
  resolveDealership,
} from './intake-match.repo';

export const NO_OPEN_STAGE_MESSAGE = 'No open stage configured: new leads start in the first open stage. Add one via Configuration → Stages.';

/** What the matcher is given: the lead as received, and who or what sent it. */
interface IncomingLead {
  customer: NewCustomer;
  brand: string;
  vehicleModel: string;
  dealershipCode?: string | undefined;
  source: string;
  externalId: string | null;
  /** The user who entered it by hand; null for the distributor feed. */
  enteredBy: AuthUser | null;
}

export type MatchOutcome = IntakeResponse;

/** Distributor feed: a repeated externalId is harmless, then the same matcher as a manual create. */
export async function receiveIntake(hub: HubContext, body: IntakeBody): Promise<MatchOutcome> {
  const incoming: IncomingLead = { ...body, enteredBy: null };
  const dealershipId = await resolveDealership(hub.db, body.brand, body.dealershipCode);
  return hub.db.transaction(async (tx) => {
    await lockMatchKeys(tx, [externalLockKey(body.externalId), ...customerLockKeys(keysOf(hub, incoming))]);
    const seen = await findByExternalId(tx, body.externalId);
    if (seen) return { leadId: seen.id, ref: seen.ref, outcome: 'duplicate' };
    const outcome = await matchOrCreate(hub, tx, incoming, dealershipId);
    if (outcome.outcome === 'merged') await recordMergedExternalId(tx, body.externalId, outcome.leadId, hub.clock.now());
    return outcome;
  });
}

/**
 * Manual create: through the intake matcher. A merge answers the lead's id and reference even when the
 * caller may not open it (another agent's lead): the contract's answer, and it reveals no more than that.
 */
export async function createLeadManually(hub: HubContext, user: AuthUser, body: CreateLeadBody): Promise<MatchOutcome> {
  const incoming: IncomingLead = { ...body, externalId: null, enteredBy: user };
  const dealershipId = await resolveDealership(hub.db, body.brand, body.dealershipCode);
  return hub.db.transaction(async (tx) => {
    await lockMatchKeys(tx, customerLockKeys(keysOf(hub, incoming)));
    return matchOrCreate(hub, tx, incoming, dealershipId);
  });
}

const keysOf = (hub: HubContext, incoming: IncomingLead) => customerKeys(incoming.customer, hub.config.defaultCountryCode);

/**
 * Inside the caller's transaction, with the customer's keys locked: merge into the customer's open lead
 * (a `duplicate` chatter entry naming the source), or create an unclaimed lead in the first open stage.
 */
async function matchOrCreate(hub: HubContext, tx: Sql, incoming: IncomingLead, dealershipId: string | null): Promise<MatchOutcome> {
  const now = hub.clock.now();
  const open = await findOpenLeadOf(tx, keysOf(hub, incoming));
  if (open) {
    const message = { leadId: open.id, kind: 'duplicate' as const, body: duplicateBody(incoming), authorId: incoming.enteredBy?.id ?? null };
    await insertMessage(tx, message, placeOf(open), now);
    return { leadId: open.id, ref: open.ref, outcome: 'merged' };
  }
  const stage = firstOpenStage(await loadStages(tx));
  if (!stage) throw new HubError('stage_transition_not_allowed', NO_OPEN_STAGE_MESSAGE);
  const row = await insertLead(
    tx,
    {
      customer: incoming.customer,
      brand: incoming.brand,
      vehicleModel: incoming.vehicleModel,
      dealershipId,
      source: incoming.source,
      externalId: incoming.externalId,
      stageId: stage.id,
      createdAt: now,
    },
    hub.config.defaultCountryCode,
  );
  if (incoming.enteredBy) {
    await insertMessage(tx, { leadId: row.id, kind: 'system', body: `Entered by ${incoming.enteredBy.name}.`, authorId: incoming.enteredBy.id }, placeOf(row), now);
  }
  return { leadId: row.id, ref: row.ref, outcome: 'created' };
}

/** The merged contact as the owning agent reads it in the chatter: where it came from and who it is. */
function duplicateBody(incoming: IncomingLead): string {
  const origin = incoming.enteredBy
    ? `Duplicate contact entered by ${incoming.enteredBy.name} (source: ${incoming.source}).`
    : `Duplicate contact from ${incoming.source} (external id ${incoming.externalId ?? '(none)'}).`;
  const { name, phone, email } = incoming.customer;
  return [
    origin,
    `Name: ${name}`,
    `Phone: ${phone ?? '(none)'}`,
    `E-mail: ${email ?? '(none)'}`,
    `Interested in: ${incoming.brand} ${incoming.vehicleModel}`,
  ].join('\n');
}

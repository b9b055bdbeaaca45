import type { WonPrepareResponse } from '../../src-shared/contract/won.schema';
import type { ErrorCode } from '../../src-shared/contract/errors';
import type { MarkWonOutput, WonProgress } from '../../src-shared/contract/ipc.contract';
import type { DealerContext } from '../dealer/dealer-context';
import { dealerUid } from '../dealer/dealer-identity';
import { dealerOk, type DealerError, type DealerErrorCode, type DealerResult } from '../dealer/dealer-result';
import { createPartner, findPartner } from '../dealer/partner-lookup';
import { findProduct } from '../dealer/product-lookup';
import { createOrder, findOrderByRef, readOrderName } from '../dealer/sale-order';
import { AppFailure } from '../ipc/app-failure';
import { confirmWon, failWon, isRetryableHubError, prepareWon, relayContext, type OdooClientFactory, type WonSession } from './won-hub';
import type { WonJournal } from './won-journal';
import { clip, confirmPendingMessage, dealerFailureMessage, failReportPendingMessage, wonToast } from './won-messages';
import { WonProgressTracker } from './won-progress';

/**
 * Mark as Won, driven from main (DESIGN.md §5): hub prepare (per-lead lease, push id) → through the hub's
 * dealer relay: the customer's partner, then the order carrying the lead reference, looked up before
 * anything is created → hub confirm. Any failure before confirm is reported to the hub (chatter, lease
 * ended); a confirmation the hub did not receive is kept on disk and repeated. One lead, one Sales Order.
 *
 * On the dealer every call carries the dealership's Odoo company (`allowed_company_ids`), and the order
 * names the integration user as its salesperson, so that a user bound to its own documents may create it
 * and finds it again on a retry. What stays impossible for such a user: an order the dealer hands to
 * another salesperson between two attempts is invisible to it, and the retry would create a second one —
 * which is why Test Connection recommends "User: All Documents".
 */

export interface WonTiming {
  /** Deadline of one call through the relay; longer than the relay's own dealer timeout plus its sign-in. */
  dealerCallTimeoutMs: number;
  /** The dealer's own time limit (Odoo's limit_time_real): a create sent this long ago has committed or never will. */
  dealerTimeLimitMs: number;
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const DEFAULT_WON_TIMING: WonTiming = {
  dealerCallTimeoutMs: 65_000,
  dealerTimeLimitMs: 120_000,
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface WonSagaDeps {
  session: WonSession;
  journal: WonJournal;
  timing: WonTiming;
  emit: (progress: WonProgress) => void;
  createClient?: OdooClientFactory;
}

// Every dealer failure code is also an IPC error code.
const sameCodes: DealerErrorCode extends ErrorCode ? true : never = true;
void sameCodes;

/** After these, a create may have committed (or may still): look again once the dealer's time limit has passed. */
const UNCERTAIN: ReadonlySet<DealerErrorCode> = new Set(['dealer_timeout', 'dealer_outcome_unknown', 'dealer_unexpected']);

interface PushedOrder {
  soName: string;
  soId: number;
}

export async function runWonSaga(deps: WonSagaDeps, leadId: string): Promise<MarkWonOutput> {
  const progress = new WonProgressTracker(leadId, deps.emit);
  progress.running('prepare');
  let prepared: WonPrepareResponse;
  try {
    prepared = await prepareWon(deps.session, leadId);
  } catch (error) {
    // The hub's refusal (no won stage, no connection, in progress, not claimed, closed) passes as is.
    progress.failed();
    throw error;
  }
  const dealershipName = prepared.dealership.name;
  progress.done('prepare');
  progress.useDealership(dealershipName);

  const relay = relayContext(deps.session, prepared.dealership.id, prepared.pushId, deps.timing.dealerCallTimeoutMs, deps.createClient);
  const ctx: DealerContext = { ...relay, companyId: prepared.dealership.connection?.company?.id ?? null };
  const pushed = await pushToDealer(deps, ctx, prepared, progress);
  if (!pushed.ok) {
    progress.failed();
    const message = dealerFailureMessage(pushed.error, dealershipName);
    const reported = await reportFailure(deps, leadId, prepared.pushId, { code: pushed.error.code, message });
    throw AppFailure.of(pushed.error.code, reported ? message : failReportPendingMessage(message));
  }
  return confirmOrder(deps, progress, { leadId, pushId: prepared.pushId, dealershipName, ...pushed.value });
}

async function pushToDealer(deps: WonSagaDeps, ctx: DealerContext, prepared: WonPrepareResponse, progress: WonProgressTracker): Promise<DealerResult<PushedOrder>> {
  const { lead, dealership } = prepared;
  progress.running('partner');
  const found = await findPartner(ctx, { email: lead.customer.email, phone: lead.customer.phone });
  if (!found.ok) return found;
  let partnerId = found.value?.id;
  if (partnerId === undefined) {
    const created = await createPartner(ctx, { name: lead.customer.name, email: lead.customer.email, phone: lead.customer.phone });
    if (!created.ok) return created;
    partnerId = created.value;
  }
  progress.done('partner', `Customer ${found.value ? 'found' : 'created'} on ${dealership.name}`);

  progress.running('order');
  const order = await findOrCreateOrder(deps, ctx, prepared, partnerId, progress);
  if (order.ok) progress.done('order', `Sales Order ${order.value.soName} on ${dealership.name}`);
  return order;
}

async function findOrCreateOrder(
  deps: WonSagaDeps,
  ctx: DealerContext,
  prepared: WonPrepareResponse,
  partnerId: number,
  progress: WonProgressTracker,
): Promise<DealerResult<PushedOrder>> {
  const { lead, dealership, orderRef } = prepared;
  const { journal, timing } = deps;
  const hubUrl = deps.session.hubUrl;
  const earlier = journal.unsettled(hubUrl, lead.id);
  if (earlier) await waitForDealer(deps, earlier.sentAt, progress, dealership.name);

  const existing = await findOrderByRef(ctx, orderRef);
  if (!existing.ok) return existing;
  if (existing.value) {
    journal.clearUnsettled(hubUrl, lead.id);
    return dealerOk({ soName: existing.value.name, soId: existing.value.id });
  }
  journal.clearUnsettled(hubUrl, lead.id);

  const productCode = dealership.models.find((model) => sameModel(model.vehicleModel, lead.vehicleModel))?.productCode ?? null;
  const product = await findProduct(ctx, lead.vehicleModel, productCode);
  if (!product.ok) return product;
  const uid = await dealerUid(ctx);
  if (!uid.ok) return uid;

  const sentAt = timing.now();
  // Written before sending: should this computer stop mid-create, the next attempt still waits.
  journal.putUnsettled({ hubUrl, leadId: lead.id, sentAt });
  const created = await createOrder(ctx, { partnerId, productId: product.value.id, clientOrderRef: orderRef, salespersonId: uid.value });
  if (!created.ok) {
    if (!UNCERTAIN.has(created.error.code)) {
      journal.clearUnsettled(hubUrl, lead.id);
      return created;
    }
    return lookAgainAfterTimeLimit(deps, ctx, prepared, sentAt, created.error, progress);
  }
  journal.clearUnsettled(hubUrl, lead.id);
  const read = await readOrderName(ctx, created.value, orderRef);
  if (!read.ok) return read;
  return dealerOk({ soName: read.value.name, soId: read.value.id });
}

/** The create may have committed, or may still: once the dealer's time limit has passed, the lookup is final. */
async function lookAgainAfterTimeLimit(
  deps: WonSagaDeps,
  ctx: DealerContext,
  prepared: WonPrepareResponse,
  sentAt: number,
  failure: DealerError,
  progress: WonProgressTracker,
): Promise<DealerResult<PushedOrder>> {
  await waitForDealer(deps, sentAt, progress, prepared.dealership.name);
  const again = await findOrderByRef(ctx, prepared.orderRef);
  if (!again.ok) return again;
  deps.journal.clearUnsettled(deps.session.hubUrl, prepared.lead.id);
  if (again.value) return dealerOk({ soName: again.value.name, soId: again.value.id });
  // Settled and absent: nothing was created. Report the failure; the next attempt creates it.
  return { ok: false, error: failure };
}

async function waitForDealer(deps: WonSagaDeps, sentAt: number, progress: WonProgressTracker, dealershipName: string): Promise<void> {
  const remaining = sentAt + deps.timing.dealerTimeLimitMs - deps.timing.now();
  if (remaining <= 0) return;
  progress.running('order', `Waiting for ${dealershipName} to finish an earlier attempt (${Math.ceil(remaining / 1000)} s) before looking for the order again`);
  await deps.timing.sleep(remaining);
}

interface Confirmation extends PushedOrder {
  leadId: string;
  pushId: string;
  dealershipName: string;
}

async function confirmOrder(deps: WonSagaDeps, progress: WonProgressTracker, order: Confirmation): Promise<MarkWonOutput> {
  const owner = ownerOf(deps.session);
  progress.running('confirm');
  deps.journal.putPending({ kind: 'confirm', owner, savedAt: deps.timing.now(), ...order });
  try {
    const output = await sendConfirmation(deps.session, deps.journal, order);
    progress.done('confirm');
    return output;
  } catch (error) {
    progress.failed(isRetryableHubError(error) ? 'Waiting for the hub to record the Sales Order on the lead' : undefined);
    throw error;
  }
}

/**
 * Confirms a pushed order with the hub. Kept in the journal (and `hub_unreachable` thrown) when the hub may
 * not have received it; a refusal drops it and, unless another push holds the lead, is reported as a failure.
 */
export async function sendConfirmation(session: WonSession, journal: WonJournal, order: Confirmation): Promise<MarkWonOutput> {
  try {
    const lead = await confirmWon(session, order.leadId, { pushId: order.pushId, soName: order.soName, soId: order.soId });
    journal.removePending(order.pushId);
    journal.clearUnsettled(session.hubUrl, order.leadId);
    return { lead, soName: order.soName, dealershipName: order.dealershipName, toast: wonToast(order.soName, order.dealershipName) };
  } catch (error) {
    if (isRetryableHubError(error)) throw AppFailure.of('hub_unreachable', confirmPendingMessage(order.soName, order.dealershipName));
    journal.removePending(order.pushId);
    if (error instanceof AppFailure && error.appError.code !== 'won_in_progress') {
      await failWon(session, order.leadId, { pushId: order.pushId, error: { code: error.appError.code, message: clip(error.appError.message) } }).catch(() => undefined);
    }
    throw error;
  }
}

/** won/fail; kept in the journal when the hub cannot be reached. Answers whether the hub has it. */
async function reportFailure(deps: WonSagaDeps, leadId: string, pushId: string, error: { code: string; message: string }): Promise<boolean> {
  const report = { kind: 'fail' as const, owner: ownerOf(deps.session), leadId, pushId, error, savedAt: deps.timing.now() };
  deps.journal.putPending(report);
  try {
    await failWon(deps.session, leadId, { pushId, error });
  } catch (failure) {
    if (isRetryableHubError(failure)) return false;
  }
  deps.journal.removePending(pushId);
  return true;
}

export function ownerOf(session: Pick<WonSession, 'hubUrl' | 'userId'>): string {
  return `${session.hubUrl}|${session.userId}`;
}

function sameModel(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

import type { Lead, TrackingChange } from '../../../src-shared/contract/entities.schema';
import { AT_LEAST_ONE_CONTACT_MESSAGE } from '../../../src-shared/contract/intake.schema';
import type { PatchLeadBody } from '../../../src-shared/contract/leads.schema';
import { customerKeys } from '../../../src-shared/domain/customer';
import { one, type Sql } from '../../db/database';
import { HubError, notFound, unknownReference } from '../../http/hub-error';
import type { HubContext } from '../../hub-context';
import type { AuthUser } from '../auth/auth-user';
import { recordLeadChange } from '../changes/change-log';
import { insertMessage, trackingBody } from '../chatter/messages.repo';
import { loadStages } from '../stages/stages.repo';
import { checkVersion, refuseWhileWonInProgress, workableLead } from './lead-access.service';
import { LEAD_COLUMNS, placeOf, toLeadDto, type LeadRow } from './lead-row';

/** The lead's editable fields after the patch, as stored. */
interface EditedFields {
  name: string;
  phone: string | null;
  email: string | null;
  vehicleModel: string;
  dealershipId: string | null;
}

/**
 * Edit an open, claimed lead (its owner, a supervisor or a manager): customer, vehicle model, dealership.
 * The de-duplication keys follow the new phone and e-mail; each changed field is tracked in the chatter.
 */
export async function editLead(hub: HubContext, user: AuthUser, leadId: string, patch: PatchLeadBody): Promise<Lead> {
  return hub.db.transaction(async (tx) => {
    const now = hub.clock.now();
    const row = await workableLead(tx, user, await loadStages(tx), leadId, { open: true });
    checkVersion(row, patch.version);
    await refuseWhileWonInProgress(tx, row.id, now);

    const before: EditedFields = {
      name: row.customer_name,
      phone: row.customer_phone,
      email: row.customer_email,
      vehicleModel: row.vehicle_model,
      dealershipId: row.dealership_id,
    };
    const after: EditedFields = {
      name: patch.customer?.name ?? before.name,
      phone: patch.customer?.phone !== undefined ? patch.customer.phone : before.phone,
      email: patch.customer?.email !== undefined ? patch.customer.email : before.email,
      vehicleModel: patch.vehicleModel ?? before.vehicleModel,
      dealershipId: patch.dealershipId !== undefined ? patch.dealershipId : before.dealershipId,
    };
    const keys = customerKeys(after, hub.config.defaultCountryCode);
    if (!keys.phone && !keys.email) {
      throw new HubError('invalid_input', `Invalid body: customer: ${AT_LEAST_ONE_CONTACT_MESSAGE}; after this change the lead would have neither.`);
    }
    const tracking = await trackChanges(tx, before, after);
    if (tracking.length === 0) return toLeadDto(row);

    const [updated] = await tx.query<LeadRow>(
      `update leads l set customer_name = $2, customer_phone = $3, customer_email = $4, phone_key = $5, email_key = $6,
         vehicle_model = $7, dealership_id = $8, updated_at = $9, version = version + 1
        where l.id = $1 returning ${LEAD_COLUMNS}`,
      [row.id, after.name, after.phone, after.email, keys.phone, keys.email, after.vehicleModel, after.dealershipId, now],
    );
    if (!updated) throw notFound();
    await recordLeadChange(tx, row.id, placeOf(row), placeOf(updated));
    await insertMessage(tx, { leadId: row.id, kind: 'tracking', body: trackingBody(tracking), authorId: user.id, tracking }, placeOf(updated), now);
    return toLeadDto(updated);
  });
}

/** Old → new for each field that changes; dealerships by name, as a person reads them. 400 for an unknown one. */
async function trackChanges(tx: Sql, before: EditedFields, after: EditedFields): Promise<TrackingChange[]> {
  const changes: TrackingChange[] = [];
  const compare = (field: string, from: string | null, to: string | null) => {
    if (from !== to) changes.push({ field, from, to });
  };
  compare('Customer Name', before.name, after.name);
  compare('Phone', before.phone, after.phone);
  compare('Email', before.email, after.email);
  compare('Vehicle Model', before.vehicleModel, after.vehicleModel);
  if (before.dealershipId !== after.dealershipId) {
    const to = after.dealershipId === null ? null : await dealershipName(tx, after.dealershipId);
    if (after.dealershipId !== null && to === null) {
      throw unknownReference('dealershipId', `no dealership ${after.dealershipId}.`);
    }
    changes.push({ field: 'Dealership', from: before.dealershipId === null ? null : await dealershipName(tx, before.dealershipId), to });
  }
  return changes;
}

async function dealershipName(sql: Sql, id: string): Promise<string | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  return (await one<{ name: string }>(sql, 'select name from dealerships where id = $1', [id]))?.name ?? null;
}

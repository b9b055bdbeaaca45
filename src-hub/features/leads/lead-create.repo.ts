import { customerKeys } from '../../../src-shared/domain/customer';
import { formatLeadRef } from '../../../src-shared/domain/lead-ref';
import type { Sql } from '../../db/database';
import { recordLeadChange } from '../changes/change-log';
import { insertMessage } from '../chatter/messages.repo';
import { LEAD_COLUMNS, placeOf, type LeadRow } from './lead-row';

export interface NewLeadRow {
  customer: { name: string; phone: string | null; email: string | null };
  brand: string;
  vehicleModel: string;
  dealershipId: string | null;
  source: string;
  externalId: string | null;
  stageId: string;
  createdAt: Date;
}

/** The next reference of the year: a per-year counter, one row locked per creation. */
async function nextRef(tx: Sql, year: number): Promise<{ ref: string; number: number }> {
  const [row] = await tx.query<{ last_value: string }>(
    `insert into lead_counters (year, last_value) values ($1, 1)
     on conflict (year) do update set last_value = lead_counters.last_value + 1 returning last_value`,
    [year],
  );
  const number = Number(row?.last_value ?? 1);
  return { ref: formatLeadRef(year, number), number };
}

/** Inserts an unclaimed lead in the first open stage with its "created" chatter entry. */
export async function insertLead(tx: Sql, lead: NewLeadRow, defaultCountryCode: string): Promise<LeadRow> {
  const year = lead.createdAt.getUTCFullYear();
  const { ref, number } = await nextRef(tx, year);
  const keys = customerKeys(lead.customer, defaultCountryCode);
  const [row] = await tx.query<LeadRow>(
    `insert into leads as l (ref, ref_year, ref_number, customer_name, customer_phone, customer_email, phone_key, email_key,
        brand, vehicle_model, dealership_id, source, external_id, stage_id, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
     returning ${LEAD_COLUMNS}`,
    [
      ref,
      year,
      number,
      lead.customer.name,
      lead.customer.phone,
      lead.customer.email,
      keys.phone,
      keys.email,
      lead.brand,
      lead.vehicleModel,
      lead.dealershipId,
      lead.source,
      lead.externalId,
      lead.stageId,
      lead.createdAt,
    ],
  );
  if (!row) throw new Error('insert into leads returned nothing');
  await recordLeadChange(tx, row.id, null, placeOf(row));
  await insertMessage(tx, { leadId: row.id, kind: 'system', body: `Lead created from ${lead.source}.`, authorId: null }, placeOf(row), lead.createdAt);
  return row;
}

import type { Lead } from '../../../src-shared/contract/entities.schema';
import type { LostReason } from '../../../src-shared/domain/lost-reasons';
import type { LeadPlace } from '../changes/change-log';
import { isoTime, type PgTime } from '../../db/pg-time';

export interface LeadRow extends Record<string, unknown> {
  id: string;
  ref: string;
  customer_name: string;
  customer_phone: string | null;
  customer_email: string | null;
  brand: string;
  vehicle_model: string;
  dealership_id: string | null;
  source: string;
  stage_id: string;
  closed: boolean;
  user_id: string | null;
  created_at: PgTime;
  updated_at: PgTime;
  claimed_at: PgTime | null;
  lost_reason: string | null;
  lost_notes: string | null;
  dealer_so_name: string | null;
  won_failed_at: PgTime | null;
  won_failed_error: string | null;
  won_failed_by: string | null;
  version: number;
}

export const LEAD_COLUMNS = `l.id, l.ref, l.customer_name, l.customer_phone, l.customer_email, l.brand, l.vehicle_model,
  l.dealership_id, l.source, l.stage_id, l.closed, l.user_id, l.created_at, l.updated_at, l.claimed_at,
  l.lost_reason, l.lost_notes, l.dealer_so_name, l.won_failed_at, l.won_failed_error, l.won_failed_by, l.version`;

export function toLeadDto(row: LeadRow): Lead {
  return {
    id: row.id,
    ref: row.ref,
    customer: { name: row.customer_name, phone: row.customer_phone, email: row.customer_email },
    brand: row.brand,
    vehicleModel: row.vehicle_model,
    dealershipId: row.dealership_id,
    source: row.source,
    stageId: row.stage_id,
    userId: row.user_id,
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
    claimedAt: row.claimed_at ? isoTime(row.claimed_at) : null,
    lostReason: (row.lost_reason as LostReason | null) ?? null,
    lostNotes: row.lost_notes,
    dealerSoName: row.dealer_so_name,
    wonFailure: row.won_failed_at ? { at: isoTime(row.won_failed_at), error: row.won_failed_error ?? '', userId: row.won_failed_by } : null,
    version: Number(row.version),
  };
}

export function placeOf(row: Pick<LeadRow, 'user_id' | 'closed'>): LeadPlace {
  return { userId: row.user_id, closed: row.closed };
}

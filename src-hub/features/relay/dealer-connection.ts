import { one, type Sql } from '../../db/database';
import { HubError, notFound } from '../../http/hub-error';
import { DEALERSHIP_COLUMNS, type DealershipRow } from '../config/dealerships.repo';

/** What the relay needs to reach a dealer: never leaves the hub. */
export interface DealerConnection {
  url: string;
  database: string;
  login: string;
  apiKeyEnc: string;
}

export async function selectDealership(sql: Sql, dealershipId: string): Promise<DealershipRow | null> {
  if (!/^\d{1,18}$/.test(dealershipId)) return null;
  return one<DealershipRow>(sql, `select ${DEALERSHIP_COLUMNS} from dealerships d where d.id = $1`, [dealershipId]);
}

export async function dealershipOrNotFound(sql: Sql, dealershipId: string): Promise<DealershipRow> {
  const row = await selectDealership(sql, dealershipId);
  if (!row) throw notFound('Dealership');
  return row;
}

/** What is missing for a push, in words (null when the connection is complete). */
export function connectionGap(row: DealershipRow): string | null {
  const missing = [
    !row.odoo_url && 'URL',
    !row.odoo_database && 'database',
    !row.odoo_login && 'login',
  ].filter((item): item is string => typeof item === 'string');
  if (missing.length === 3) return 'no Odoo connection';
  if (missing.length > 0) return `an incomplete Odoo connection (no ${missing.join(', no ')})`;
  if (!row.odoo_api_key_enc) return 'no API key on its Odoo connection';
  return null;
}

/** The dealership's connection, or 422 `dealership_not_configured` naming the dealership and what is missing. */
export function requireConnection(row: DealershipRow, action = 'Mark as Won cannot push the Sales Order'): DealerConnection {
  const gap = connectionGap(row);
  if (gap || !row.odoo_url || !row.odoo_database || !row.odoo_login || !row.odoo_api_key_enc) {
    throw new HubError(
      'dealership_not_configured',
      `Dealership "${row.name}" has ${gap ?? 'no Odoo connection'}: ${action}. A manager must complete it under Configuration → Dealerships (Odoo Connection tab) and run Test Connection.`,
    );
  }
  return { url: row.odoo_url, database: row.odoo_database, login: row.odoo_login, apiKeyEnc: row.odoo_api_key_enc };
}

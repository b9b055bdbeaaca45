import type { Dealership, DealershipModel } from '../../../src-shared/contract/entities.schema';
import type { Sql } from '../../db/database';

export interface DealershipRow extends Record<string, unknown> {
  id: string;
  code: string;
  name: string;
  brands: string[];
  manager_email: string | null;
  models: DealershipModel[];
  odoo_url: string | null;
  odoo_database: string | null;
  odoo_login: string | null;
  odoo_api_key_enc: string | null;
  odoo_company_id: number | null;
  odoo_company_name: string | null;
}

export const DEALERSHIP_COLUMNS = 'd.id, d.code, d.name, d.brands, d.manager_email, d.models, d.odoo_url, d.odoo_database, d.odoo_login, d.odoo_api_key_enc, d.odoo_company_id, d.odoo_company_name';

/** The API key stays in the hub: answers only say whether one is set. */
export function toDealershipDto(row: DealershipRow): Dealership {
  const connection =
    row.odoo_url && row.odoo_database && row.odoo_login
      ? {
          url: row.odoo_url,
          database: row.odoo_database,
          login: row.odoo_login,
          hasApiKey: row.odoo_api_key_enc !== null,
          company: row.odoo_company_id !== null && row.odoo_company_name !== null ? { id: Number(row.odoo_company_id), name: row.odoo_company_name } : null,
        }
      : null;
  return { id: row.id, code: row.code, name: row.name, brands: row.brands, managerEmail: row.manager_email, models: row.models, connection };
}

export async function listDealerships(sql: Sql): Promise<Dealership[]> {
  return (await sql.query<DealershipRow>(`select ${DEALERSHIP_COLUMNS} from dealerships d order by d.name, d.id`)).map(toDealershipDto);
}

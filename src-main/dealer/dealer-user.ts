import { z } from 'zod';
import type { OdooCompany } from '../../src-shared/contract/entities.schema';
import { executeWith, type DealerContext } from './dealer-context';
import { dealerOk, type DealerResult } from './dealer-result';
import { booleanSchema, idSchema } from './odoo-schemas';

/** What Test Connection reads about the integration user itself: its companies and its Sales groups. */

const userCompaniesSchema = z.array(z.object({ id: idSchema, company_id: z.union([z.tuple([idSchema, z.string()]), z.literal(false)]), company_ids: z.array(idSchema) }));
const companyNamesSchema = z.array(z.object({ id: idSchema, name: z.string() }));

export interface UserCompanies {
  /** The default company (`company_id`), where orders go without `allowed_company_ids`. */
  defaultId: number | null;
  /** Every company the user may use (`company_ids`), by name. */
  companies: OdooCompany[];
}

/** Read without a company context, so that every company the user may use is readable (res_company_rule_employee). */
export async function readUserCompanies(ctx: DealerContext, uid: number): Promise<DealerResult<UserCompanies>> {
  const plain: DealerContext = { client: ctx.client, credentials: ctx.credentials };
  const user = await executeWith(plain, 'res.users', 'read', [[uid]], { fields: ['company_id', 'company_ids'] }, userCompaniesSchema);
  if (!user.ok) return user;
  const [row] = user.value;
  const ids = row?.company_ids ?? [];
  if (ids.length === 0) return dealerOk({ defaultId: null, companies: [] });
  const names = await executeWith(plain, 'res.company', 'read', [ids], { fields: ['name'] }, companyNamesSchema);
  if (!names.ok) return names;
  const defaultId = row?.company_id ? row.company_id[0] : null;
  const companies = names.value.map(({ id, name }) => ({ id, name })).sort((a, b) => Number(b.id === defaultId) - Number(a.id === defaultId));
  return dealerOk({ defaultId, companies });
}

/** `res.users.has_group` on the integration user (a record method: its own id first). */
export function hasGroup(ctx: DealerContext, uid: number, group: string): Promise<DealerResult<boolean>> {
  return executeWith(ctx, 'res.users', 'has_group', [[uid], group], {}, booleanSchema);
}

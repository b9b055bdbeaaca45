import { z } from 'zod';
import { companyDomain, executeWith, type DealerContext } from './dealer-context';
import { dealerErr, dealerOk, type DealerResult } from './dealer-result';
import { PRODUCT_FIELDS, productRowSchema, type ProductRow } from './odoo-schemas';

/** The dealer's `product.product` for a vehicle model (DESIGN.md §5 step 2). */

const productsSchema = z.array(productRowSchema);
const SELLABLE = ['sale_ok', '=', true] as const;

/** The Odoo settings a missing product depends on, in the dealer's menu words. */
export const PRODUCT_SETTINGS_ADVICE =
  'If the product exists, open it in Odoo (Sales → Products → Products; archived ones under Filters → Archived) and check that it is not archived, ' +
  'that "Can be Sold" is ticked, and that its Company is empty or the dealership\'s Odoo company.';

/**
 * Tries, in order and among sellable products of the dealership's company or shared ones: `default_code` =
 * the configured product code, `default_code` = the model name, then a name containing the model (an exact
 * name wins over a longer one). Archived products are never found (Odoo's active filter).
 */
export async function findProduct(ctx: DealerContext, vehicleModel: string, productCode?: string | null): Promise<DealerResult<ProductRow>> {
  const model = vehicleModel.trim();
  const code = productCode?.trim() ?? '';
  const codes = [...new Set([code, model].filter((value) => value !== ''))];
  for (const candidate of codes) {
    const found = await search(ctx, [['default_code', '=', candidate], SELLABLE], 1);
    if (!found.ok) return found;
    const [first] = found.value;
    if (first) return dealerOk(first);
  }
  if (model !== '') {
    const found = await search(ctx, [['name', 'ilike', model], SELLABLE], 20);
    if (!found.ok) return found;
    const exact = found.value.find((row) => row.name.trim().toLowerCase() === model.toLowerCase());
    const first = exact ?? found.value[0];
    if (first) return dealerOk(first);
  }
  const tried = [...codes.map((value) => `internal reference "${value}"`), ...(model ? [`a name containing "${model}"`] : [])].join(', then ');
  return dealerErr(
    'dealer_model_not_found',
    `The dealer's Odoo has no sellable product for the vehicle model "${vehicleModel}" (looked for ${tried || 'nothing: the model is empty'}). ` +
      `Ask the dealership to create the product with that internal reference, or have a manager set the model's product code on the dealership. ${PRODUCT_SETTINGS_ADVICE}`,
  );
}

function search(ctx: DealerContext, domain: unknown[], limit: number): Promise<DealerResult<ProductRow[]>> {
  return executeWith(ctx, 'product.product', 'search_read', [[...domain, ...companyDomain(ctx)]], { fields: [...PRODUCT_FIELDS], limit, order: 'id' }, productsSchema);
}

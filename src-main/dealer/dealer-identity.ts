import { executeWith, type DealerContext } from './dealer-context';
import { dealerErr, dealerOk, type DealerResult } from './dealer-result';
import { fieldTypesSchema, uidSchema } from './odoo-schemas';

/** Who the integration user is on the dealer's Odoo, and what its partners look like there. */

/**
 * The integration user's uid: known on a direct connection; through the relay, `common.authenticate` with
 * null credentials (the relay fills them in, as for execute_kw) answers it.
 */
export async function dealerUid(ctx: DealerContext): Promise<DealerResult<number>> {
  if (ctx.credentials !== 'relay') return dealerOk(ctx.credentials.uid);
  const uid = await ctx.client.call('common', 'authenticate', [null, null, null, {}], uidSchema);
  if (!uid.ok) return uid;
  if (uid.value === false) {
    return dealerErr('dealer_access_denied', "The dealer's Odoo refused the integration user's login and API key. A manager should enter a valid API key for the dealership and run Test Connection.");
  }
  return dealerOk(uid.value);
}

/** Whether `res.partner` has `mobile` (Odoo 18.0 and 18.1; removed in 18.2), so a phone look-up searches it too. */
export async function partnerHasMobile(ctx: DealerContext): Promise<DealerResult<boolean>> {
  const fields = await executeWith(ctx, 'res.partner', 'fields_get', [['mobile']], { attributes: ['type'] }, fieldTypesSchema);
  if (!fields.ok) return fields;
  return dealerOk(fields.value.mobile?.type === 'char');
}

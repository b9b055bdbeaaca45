import { executeWith, type DealerContext } from './dealer-context';
import type { DealerErrorCode, DealerResult } from './dealer-result';
import { booleanSchema } from './odoo-schemas';

/** Fallback is only for "the dealer's Odoo does not offer has_access"; these mean the question itself failed. */
const NO_FALLBACK: ReadonlySet<DealerErrorCode> = new Set(['dealer_unreachable', 'dealer_timeout', 'dealer_outcome_unknown', 'dealer_access_denied']);

/**
 * Whether the dealer's user may create sales orders (Test Connection). `has_access` is the Odoo 18 name
 * (a record method, so the ids come first), not confirmed callable over RPC; `check_access_rights` works in
 * 18 though deprecated, so it is the fallback whenever `has_access` errors or answers something else.
 */
export async function canCreateSaleOrders(ctx: DealerContext): Promise<DealerResult<boolean>> {
  const modern = await executeWith(ctx, 'sale.order', 'has_access', [[], 'create'], {}, booleanSchema);
  if (modern.ok || NO_FALLBACK.has(modern.error.code)) return modern;
  return executeWith(ctx, 'sale.order', 'check_access_rights', ['create'], { raise_exception: false }, booleanSchema);
}

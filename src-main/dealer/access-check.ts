import { executeWith, type DealerContext } from './dealer-context';
import type { DealerErrorCode, DealerResult } from './dealer-result';
import { booleanSchema } from './odoo-schemas';

/** Fallback is only for "the dealer's Odoo does not offer has_access"; these mean the question itself failed. */
const NO_FALLBACK: ReadonlySet<DealerErrorCode> = new Set(['dealer_unreachable', 'dealer_timeout', 'dealer_outcome_unknown', 'dealer_access_denied']);

/**
 * Whether the dealer's user may create records of a model (Test Connection). `has_access` is the Odoo 18
 * name (a record method, so the ids come first); on an empty recordset it answers from the access rights
 * alone, never the record rules (odoo/models.py `_check_access`). `check_access_rights` works in 18 though
 * deprecated, so it is the fallback whenever `has_access` errors or answers something else.
 */
export async function canCreate(ctx: DealerContext, model: string): Promise<DealerResult<boolean>> {
  const modern = await executeWith(ctx, model, 'has_access', [[], 'create'], {}, booleanSchema);
  if (modern.ok || NO_FALLBACK.has(modern.error.code)) return modern;
  return executeWith(ctx, model, 'check_access_rights', ['create'], { raise_exception: false }, booleanSchema);
}

export function canCreateSaleOrders(ctx: DealerContext): Promise<DealerResult<boolean>> {
  return canCreate(ctx, 'sale.order');
}

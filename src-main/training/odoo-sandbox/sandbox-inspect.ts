import type { RecordedCall, SandboxState } from './rpc-dispatch';
import type { FieldValue, StoredRecord } from './sandbox-models';
import type { SandboxDatabase } from './sandbox-store';
import { SANDBOX_DATABASE } from './seed-data';

/** Read-only views of the sandbox's data for tests, plus deleting a record and resetting to the seed. */

export interface SandboxOrderLineView {
  id: number;
  productId: number | null;
  name: string | null;
  quantity: number;
}

export interface SandboxOrderView {
  id: number;
  name: string;
  partnerId: number | null;
  clientOrderRef: string | null;
  state: string;
  dateOrder: string | null;
  companyId: number | null;
  /** The salesperson (`user_id`). */
  userId: number | null;
  lines: SandboxOrderLineView[];
}

export interface SandboxPartnerView {
  id: number;
  name: string | null;
  email: string | null;
  phone: string | null;
  isCompany: boolean;
  type: string | null;
  active: boolean;
  /** Null also when the database has no `mobile` field. */
  mobile: string | null;
  userId: number | null;
  companyId: number | null;
}

export interface SandboxProductView {
  id: number;
  defaultCode: string | null;
  name: string;
  saleOk: boolean;
  active: boolean;
  companyId: number | null;
}

export interface SandboxInspect {
  saleOrders(database?: string): SandboxOrderView[];
  partners(database?: string): SandboxPartnerView[];
  products(database?: string): SandboxProductView[];
  /** Every RPC call received since start or the last reset, oldest first. */
  calls(): readonly RecordedCall[];
  /** The dealer hands an order to another salesperson (its lines follow, as stored related fields do). */
  reassignOrder(orderId: number, userId: number | null, database?: string): void;
  /** Deletes a record behind the clients' back (a later read gets MissingError). */
  deleteRecord(model: string, id: number, database?: string): boolean;
  /** Puts the data back to the seed, empties the call log and lifts login cool-downs; faults stay. */
  reset(): void;
}

const str = (value: FieldValue | undefined): string | null => (typeof value === 'string' ? value : null);
const num = (value: FieldValue | undefined): number | null => (typeof value === 'number' ? value : null);
const byId = (a: StoredRecord, b: StoredRecord): number => a.id - b.id;

export function createSandboxInspect(state: SandboxState, reseed: () => void): SandboxInspect {
  const database = (name = SANDBOX_DATABASE): SandboxDatabase => {
    const db = state.databases.get(name);
    if (!db) throw new Error(`The sandbox has no database "${name}".`);
    return db;
  };
  return {
    saleOrders: (name) => {
      const db = database(name);
      const lines = db.records('sale.order.line').sort(byId);
      return db
        .records('sale.order')
        .sort(byId)
        .map((order) => ({
          id: order.id,
          name: str(order.values.name) ?? '',
          partnerId: num(order.values.partner_id),
          clientOrderRef: str(order.values.client_order_ref),
          state: str(order.values.state) ?? '',
          dateOrder: str(order.values.date_order),
          companyId: num(order.values.company_id),
          userId: num(order.values.user_id),
          lines: lines
            .filter((line) => line.values.order_id === order.id)
            .map((line) => ({ id: line.id, productId: num(line.values.product_id), name: str(line.values.name), quantity: num(line.values.product_uom_qty) ?? 0 })),
        }));
    },
    partners: (name) =>
      database(name)
        .records('res.partner')
        .sort(byId)
        .map((partner) => ({
          id: partner.id,
          name: str(partner.values.name),
          email: str(partner.values.email),
          phone: str(partner.values.phone),
          isCompany: partner.values.is_company === true,
          type: str(partner.values.type),
          active: partner.values.active === true,
          mobile: str(partner.values.mobile),
          userId: num(partner.values.user_id),
          companyId: num(partner.values.company_id),
        })),
    products: (name) =>
      database(name)
        .records('product.product')
        .sort(byId)
        .map((product) => ({
          id: product.id,
          defaultCode: str(product.values.default_code),
          name: str(product.values.name) ?? '',
          saleOk: product.values.sale_ok === true,
          active: product.values.active === true,
          companyId: num(product.values.company_id),
        })),
    calls: () => [...state.calls],
    reassignOrder: (orderId, userId, name) => {
      const db = database(name);
      if (!db.lookup('sale.order', orderId)) throw new Error(`The sandbox has no sales order ${orderId}.`);
      db.update('sale.order', orderId, { user_id: userId });
      for (const line of db.records('sale.order.line')) if (line.values.order_id === orderId) db.update('sale.order.line', line.id, { salesman_id: userId });
    },
    deleteRecord: (model, id, name) => database(name).remove(model, id),
    reset: () => {
      reseed();
      state.calls.length = 0;
      state.limiter.reset();
    },
  };
}

import type { CreateDealershipBody, DealershipConnectionInput, PatchDealershipBody } from '../../../src-shared/contract/config.schema';
import type { Dealership } from '../../../src-shared/contract/entities.schema';
import { one, type Sql } from '../../db/database';
import { HubError, alreadyExists, notFound } from '../../http/hub-error';
import type { HubContext } from '../../hub-context';
import type { AuthUser } from '../auth/auth-user';
import { recordGlobalChange } from '../changes/change-log';
import { literalHostOf, refusedDealerAddress } from '../relay/dealer-address';
import { DEALERSHIP_COLUMNS, toDealershipDto, type DealershipRow } from './dealerships.repo';
import { isRowId, isUniqueViolation, requireManager } from './require-manager';

/** The stored Odoo connection columns; the API key only ever sealed. */
interface StoredConnection {
  odoo_url: string | null;
  odoo_database: string | null;
  odoo_login: string | null;
  odoo_api_key_enc: string | null;
  odoo_company_id: number | null;
  odoo_company_name: string | null;
}

const NO_CONNECTION: StoredConnection = { odoo_url: null, odoo_database: null, odoo_login: null, odoo_api_key_enc: null, odoo_company_id: null, odoo_company_name: null };

/**
 * The connection after a write: `null` removes it with its key; a connection without `apiKey` keeps the stored
 * key (the key is write-only, so a form that never saw it can still edit the path or the login) — but only while
 * the server stays the same: a key never follows the URL to another origin (scheme, host, port), where the next
 * Test Connection would hand it to whoever listens there. A connection without `company` keeps the stored company.
 */
function connectionAfter(hub: HubContext, current: StoredConnection, input: DealershipConnectionInput | null | undefined): StoredConnection {
  if (input === undefined) return current;
  if (input === null) return NO_CONNECTION;
  refuseAddress(input.url, hub.config.allowLoopbackDealers === true);
  if (input.apiKey === undefined && current.odoo_api_key_enc !== null && !sameOrigin(current.odoo_url, input.url)) {
    throw new HubError(
      'invalid_input',
      `Invalid body: connection.apiKey: the Odoo server changed (${originOf(current.odoo_url)} → ${originOf(input.url)}); enter the API key again — the stored key is only ever sent to the server it was entered for.`,
    );
  }
  return {
    odoo_url: input.url,
    odoo_database: input.database,
    odoo_login: input.login,
    odoo_api_key_enc: input.apiKey !== undefined ? hub.secrets.seal(input.apiKey) : current.odoo_api_key_enc,
    odoo_company_id: input.company !== undefined ? (input.company?.id ?? null) : current.odoo_company_id,
    odoo_company_name: input.company !== undefined ? (input.company?.name ?? null) : current.odoo_company_name,
  };
}

/** A URL naming a metadata, link-local or (outside training) loopback address is refused when saved, not only when called. */
function refuseAddress(url: string, allowLoopback: boolean): void {
  let host: string | null;
  try {
    host = literalHostOf(new URL(url));
  } catch {
    return; // the schema has already refused a URL that does not parse
  }
  const refused = host === null ? null : refusedDealerAddress(host, allowLoopback);
  if (refused !== null) throw new HubError('invalid_input', `Invalid body: connection.url: ${refused}; the hub only calls dealer servers on other machines.`);
}

function originOf(url: string | null): string {
  if (url === null) return 'none';
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

const sameOrigin = (before: string | null, after: string): boolean => before !== null && originOf(before) === originOf(after);

const codeUsed = (code: string) => alreadyExists('code', `"${code}" is already used by another dealership.`);

export async function createDealership(hub: HubContext, user: AuthUser, body: CreateDealershipBody): Promise<Dealership> {
  requireManager(user);
  const connection = connectionAfter(hub, NO_CONNECTION, body.connection);
  return hub.db.transaction(async (tx) => {
    await refuseUsedCode(tx, body.code, null);
    const row = await uniqueCode(body.code, () =>
      one<DealershipRow>(
        tx,
        `insert into dealerships as d (code, name, brands, manager_email, models, odoo_url, odoo_database, odoo_login, odoo_api_key_enc, odoo_company_id, odoo_company_name)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning ${DEALERSHIP_COLUMNS}`,
        [
          body.code,
          body.name,
          body.brands,
          body.managerEmail,
          JSON.stringify(body.models),
          connection.odoo_url,
          connection.odoo_database,
          connection.odoo_login,
          connection.odoo_api_key_enc,
          connection.odoo_company_id,
          connection.odoo_company_name,
        ],
      ),
    );
    if (!row) throw new Error('insert into dealerships returned nothing');
    await recordGlobalChange(tx, 'dealership', row.id);
    return toDealershipDto(row);
  });
}

/** Lists (brands, models) replace the stored ones; a missing field is unchanged. */
export async function patchDealership(hub: HubContext, user: AuthUser, dealershipId: string, patch: PatchDealershipBody): Promise<Dealership> {
  requireManager(user);
  if (!isRowId(dealershipId)) throw notFound('Dealership');
  return hub.db.transaction(async (tx) => {
    const current = await one<DealershipRow>(tx, `select ${DEALERSHIP_COLUMNS} from dealerships d where d.id = $1 for update`, [dealershipId]);
    if (!current) throw notFound('Dealership');
    const code = patch.code ?? current.code;
    if (code.toLowerCase() !== current.code.toLowerCase()) await refuseUsedCode(tx, code, current.id);
    const connection = connectionAfter(hub, current, patch.connection);
    const row = await uniqueCode(code, () =>
      one<DealershipRow>(
        tx,
        `update dealerships d set code = $2, name = $3, brands = $4, manager_email = $5, models = $6,
           odoo_url = $7, odoo_database = $8, odoo_login = $9, odoo_api_key_enc = $10, odoo_company_id = $11, odoo_company_name = $12
          where d.id = $1 returning ${DEALERSHIP_COLUMNS}`,
        [
          current.id,
          code,
          patch.name ?? current.name,
          patch.brands ?? current.brands,
          patch.managerEmail !== undefined ? patch.managerEmail : current.manager_email,
          JSON.stringify(patch.models ?? current.models),
          connection.odoo_url,
          connection.odoo_database,
          connection.odoo_login,
          connection.odoo_api_key_enc,
          connection.odoo_company_id,
          connection.odoo_company_name,
        ],
      ),
    );
    if (!row) throw notFound('Dealership');
    await recordGlobalChange(tx, 'dealership', row.id);
    return toDealershipDto(row);
  });
}

/** Codes are unique regardless of case: intake matches `dealershipCode` case-insensitively. */
async function refuseUsedCode(tx: Sql, code: string, exceptId: string | null): Promise<void> {
  const clash = await one(tx, 'select 1 from dealerships where lower(code) = lower($1) and ($2::bigint is null or id <> $2)', [code, exceptId]);
  if (clash) throw codeUsed(code);
}

/** A simultaneous write of the same code loses at the unique index: the same 409, not a 500. */
async function uniqueCode<T>(code: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw codeUsed(code);
    throw error;
  }
}

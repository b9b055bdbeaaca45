import type { SandboxDatabase, SandboxUser } from './sandbox-store';

/** Who calls, on which database, in which companies: what every ORM method runs with. */
export interface OrmContext {
  readonly db: SandboxDatabase;
  readonly user: SandboxUser;
  /** `env.company`: the first of `allowed_company_ids`, else the user's default company. */
  readonly companyId: number;
  /** `env.companies`: `allowed_company_ids`, else every company the user may use (odoo/api.py). */
  readonly companyIds: readonly number[];
}

export type AccessOperation = 'read' | 'write' | 'create' | 'unlink';

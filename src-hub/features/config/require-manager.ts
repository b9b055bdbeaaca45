import { capabilitiesOf } from '../../../src-shared/domain/roles';
import { forbidden } from '../../http/hub-error';
import type { AuthUser } from '../auth/auth-user';

/** Configuration (stages, dealerships, users, intake keys) is for managers only: 403 for everyone else. */
export function requireManager(user: AuthUser): void {
  if (!capabilitiesOf(user.role).configure) throw forbidden('Only managers can change the configuration (stages, dealerships, users, intake keys).');
}

/** Ids are bigserials: anything else cannot exist, and must not reach a bigint comparison as a 500. */
export function isRowId(id: string): boolean {
  return /^\d{1,18}$/.test(id);
}

/** A unique index refused the write (PostgreSQL and PGlite both report SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

import type { Role } from '../../../src-shared/domain/roles';

/**
 * The caller of a request: read from the database, or from the session cache, which never answers for a session
 * or user changed since (so a role change or a deactivation applies at once; session-cache.ts).
 */
export interface AuthUser {
  id: string;
  login: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  syncEpoch: number;
}

import type { Role } from '../../../src-shared/domain/roles';

/** The caller of a request, read from the database on every request (so a role change applies at once). */
export interface AuthUser {
  id: string;
  login: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  syncEpoch: number;
}

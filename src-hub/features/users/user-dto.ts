import type { User } from '../../../src-shared/contract/entities.schema';
import type { AuthUser } from '../auth/auth-user';

export function toUserDto(user: AuthUser): User {
  return { id: user.id, login: user.login, name: user.name, email: user.email, role: user.role, active: user.active };
}

import type { FastifyRequest } from 'fastify';
import { INTAKE_KEY_HEADER } from '../../../src-shared/contract/intake.schema';
import type { Database } from '../../db/database';
import type { Clock } from '../../http/clock';
import { HubError } from '../../http/hub-error';
import type { AuthUser } from './auth-user';
import { readWorkstationSettings } from '../settings/settings.repo';
import { findPasswordHash, findUserByLogin, insertSession, intakeKeyExists, revokeSession } from './auth.repo';
import type { SessionCache } from './session-cache';
import type { LoginThrottle } from './login-throttle';
import { hashPassword, verifyPassword } from './password';
import { hashToken, newToken } from './tokens';

const HOUR_MS = 60 * 60_000;
const SIGN_IN_AGAIN = 'Sign in again: your session has expired or was revoked.';
const SHIFT_OVER = 'Your session has ended (sessions last a shift): sign in again.';

export class AuthService {
  /** Compared against when the login does not exist, so a wrong login costs as much as a wrong password. */
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionCache,
  ) {
    this.dummyHash = hashPassword('not a real password');
  }

  async login(login: string, password: string, address: string): Promise<{ token: string; user: AuthUser }> {
    // Counted before the password is checked (no await in between), so simultaneous tries cannot outrun it.
    const decision = this.throttle.begin(login, address);
    if (!decision.allowed) throw tooManyFailures(decision.retryAfterMs);
    const found = await findUserByLogin(this.db, login);
    const valid = await verifyPassword(password, found?.passwordHash ?? (await this.dummyHash));
    if (!found || !valid || !found.active) {
      throw new HubError('invalid_credentials', 'Wrong login or password, or the account is deactivated.');
    }
    this.throttle.succeeded(decision.attempt);
    const token = newToken();
    // Absolute, not sliding: the end is fixed at sign-in from the manager's setting (a shift), never extended.
    const { sessionHours } = await readWorkstationSettings(this.db);
    await insertSession(this.db, hashToken(token), found.id, new Date(this.clock.now().getTime() + sessionHours * HOUR_MS));
    const { passwordHash: _hidden, ...user } = found;
    return { token, user };
  }

  async logout(request: FastifyRequest): Promise<void> {
    const token = bearerToken(request);
    if (token) await revokeSession(this.db, hashToken(token), this.clock.now());
  }

  async authenticate(request: FastifyRequest): Promise<AuthUser> {
    const token = bearerToken(request);
    if (!token) throw new HubError('unauthenticated', 'Sign in first: this needs an Authorization: Bearer token.');
    const user = await this.sessions.find(hashToken(token), this.clock.now());
    if (user === 'expired') throw new HubError('session_expired', SHIFT_OVER);
    if (!user) throw new HubError('unauthenticated', SIGN_IN_AGAIN);
    return user;
  }

  /** Stops the session cache's LISTEN (the hub is closing). */
  close(): Promise<void> {
    return this.sessions.close();
  }

  /**
   * The idle lock's password check for the signed-in person (the session stays as it is). Throttled like
   * sign-in, per login and address, so a locked screen is no easier to guess through than the sign-in.
   */
  async unlock(user: AuthUser, password: string, address: string): Promise<void> {
    const decision = this.throttle.begin(user.login, address);
    if (!decision.allowed) throw tooManyFailures(decision.retryAfterMs);
    const hash = await findPasswordHash(this.db, user.id);
    if (!hash || !(await verifyPassword(password, hash))) throw new HubError('invalid_credentials', 'Wrong password.');
    this.throttle.succeeded(decision.attempt);
  }

  async authenticateIntake(request: FastifyRequest): Promise<void> {
    const key = request.headers[INTAKE_KEY_HEADER];
    if (typeof key !== 'string' || key.length === 0 || key.length > 500) {
      throw new HubError('unauthenticated', 'Intake needs an X-Intake-Key header.');
    }
    if (!(await intakeKeyExists(this.db, hashToken(key)))) throw new HubError('unauthenticated', 'Unknown or revoked intake key.');
  }
}

function tooManyFailures(retryAfterMs: number): HubError {
  const seconds = Math.ceil(retryAfterMs / 1000);
  const wait = seconds < 60 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${Math.ceil(seconds / 60)} minute(s)`;
  return new HubError('too_many_requests', `Too many failed sign-ins. Try again in ${wait}.`);
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S{1,500})$/i.exec(header.trim());
  return match?.[1] ?? null;
}

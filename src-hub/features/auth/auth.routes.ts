import type { FastifyInstance } from 'fastify';
import { loginBodySchema, loginResponseSchema, meResponseSchema } from '../../../src-shared/contract/auth.schema';
import { emptyBodySchema } from '../../../src-shared/contract/fields.schema';
import { unlockBodySchema } from '../../../src-shared/contract/settings.schema';
import type { HubContext } from '../../hub-context';
import { route } from '../../http/route';
import { toUserDto } from '../users/user-dto';

export function registerAuthRoutes(app: FastifyInstance, hub: HubContext): void {
  route(
    app,
    hub,
    { method: 'POST', url: '/auth/login', tag: 'auth', summary: 'Sign in', auth: 'none', body: loginBodySchema, response: loginResponseSchema, errors: ['invalid_credentials', 'too_many_requests'] },
    async ({ body, request }) => {
      const { token, user } = await hub.auth.login(body.login, body.password, request.ip);
      return { token, user: toUserDto(user) };
    },
  );
  route(app, hub, { method: 'POST', url: '/auth/logout', tag: 'auth', summary: 'Sign out: the token is revoked', auth: 'user', body: emptyBodySchema, status: 204 }, async ({ request }) => {
    await hub.auth.logout(request);
    return undefined;
  });
  route(
    app,
    hub,
    {
      method: 'POST',
      url: '/auth/unlock',
      tag: 'auth',
      summary: "Check the signed-in person's password to unlock an idle-locked workstation (the session is unchanged)",
      auth: 'user',
      body: unlockBodySchema,
      status: 204,
      errors: ['invalid_credentials', 'too_many_requests'],
    },
    async ({ user, body, request }) => {
      await hub.auth.unlock(user, body.password, request.ip);
      return undefined;
    },
  );
  route(app, hub, { method: 'GET', url: '/me', tag: 'auth', summary: 'The signed-in user', auth: 'user', response: meResponseSchema }, async ({ user }) =>
    toUserDto(user),
  );
}

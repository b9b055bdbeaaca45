import { describe, expect, it } from 'vitest';
import { SecretBox } from '../features/secrets/secret-box';
import { buildHub } from '../server';
import { startTestHub } from '../testing/hub-test-env';
import { ManualClock } from './clock';
import { trustProxyOf } from './trust-proxy';

describe('HUB_TRUST_PROXY', () => {
  it('trusts nothing unless configured; takes addresses and ranges; refuses anything else by name', () => {
    expect(trustProxyOf(undefined)).toBe(false);
    expect(trustProxyOf('  ')).toBe(false);
    expect(trustProxyOf('10.0.0.5, 10.0.1.0/24,::1')).toEqual(['10.0.0.5', '10.0.1.0/24', '::1']);
    expect(() => trustProxyOf('true')).toThrow('HUB_TRUST_PROXY: "true" is not an IP address');
    expect(() => trustProxyOf('10.0.0.0/33')).toThrow('"10.0.0.0/33"');
    expect(() => trustProxyOf('2')).toThrow('"2" is not an IP address');
  });

  it("counts failed sign-ins by the proxy's client address only when that proxy is trusted", async () => {
    const env = await startTestHub('pglite');
    try {
      const login = (app: Awaited<ReturnType<typeof buildHub>>['app'], forwardedFor: string) =>
        app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.0.0.5', headers: { 'x-forwarded-for': forwardedFor }, payload: { login: 'nobody', password: 'wrong' } });
      const statuses = async (trustProxy: false | string[]) => {
        const { app } = await buildHub({ db: env.db, clock: new ManualClock(), secrets: SecretBox.ephemeral(), trustProxy, config: { passwordCost: { N: 1024, r: 8, p: 1 } } });
        // six clients behind the proxy try once each: six pairs when their addresses count, one pair otherwise
        const answers = [];
        for (let client = 1; client <= 6; client++) answers.push((await login(app, `198.51.100.${client}`)).statusCode);
        await app.close();
        return answers;
      };
      expect(await statuses(false)).toEqual([401, 401, 401, 401, 401, 429]);
      expect(await statuses(['10.0.0.5'])).toEqual([401, 401, 401, 401, 401, 401]);
    } finally {
      await env.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { checkShellRequest } from './shell-guard';

const shell = { origin: 'http://127.0.0.1:41234', token: 'a'.repeat(43) };
const good = { host: '127.0.0.1:41234', origin: 'http://127.0.0.1:41234', authorization: `Bearer ${'a'.repeat(43)}` };

describe('browser shell bridge guard', () => {
  it('lets the opened page in: its host, its origin (or none, as on a same-origin GET) and the token', () => {
    expect(checkShellRequest(good, shell)).toEqual({ ok: true });
    expect(checkShellRequest({ ...good, origin: undefined }, shell)).toEqual({ ok: true });
  });

  it('refuses a request without the token or with another one (401)', () => {
    expect(checkShellRequest({ ...good, authorization: undefined }, shell)).toMatchObject({ ok: false, status: 401 });
    expect(checkShellRequest({ ...good, authorization: `Bearer ${'b'.repeat(43)}` }, shell)).toMatchObject({ ok: false, status: 401 });
    expect(checkShellRequest({ ...good, authorization: 'Bearer short' }, shell)).toMatchObject({ ok: false, status: 401 });
    expect(checkShellRequest({ ...good, authorization: 'a'.repeat(43) }, shell)).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses another web page (Origin) and a DNS-rebinding host even with the token (403)', () => {
    expect(checkShellRequest({ ...good, origin: 'https://evil.example' }, shell)).toMatchObject({ ok: false, status: 403, reason: expect.stringContaining('evil.example') });
    expect(checkShellRequest({ ...good, origin: 'null' }, shell)).toMatchObject({ ok: false, status: 403 });
    expect(checkShellRequest({ ...good, host: 'evil.example:41234' }, shell)).toMatchObject({ ok: false, status: 403 });
    expect(checkShellRequest({ ...good, host: undefined }, shell)).toMatchObject({ ok: false, status: 403 });
  });
});

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicyFor,
  DEV_SERVER_POLICY,
  REACT_REFRESH_PREAMBLE,
  RENDERER_META_POLICY,
  withContentSecurityPolicy,
} from './content-security-policy';

const DEV = { packaged: false, devServerUrl: 'http://localhost:5173' };
const directive = (policy: string, name: string) => policy.split('; ').find((part) => part.startsWith(`${name} `));

describe('content security policy', () => {
  it('production limits scripts and connections to the app itself and forbids forms and framing', () => {
    expect(directive(CONTENT_SECURITY_POLICY, 'script-src')).toBe("script-src 'self'");
    expect(directive(CONTENT_SECURITY_POLICY, 'connect-src')).toBe("connect-src 'self'");
    expect(directive(CONTENT_SECURITY_POLICY, 'form-action')).toBe("form-action 'none'");
    expect(directive(CONTENT_SECURITY_POLICY, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('dev adds only the refresh preamble, by its hash, to script-src', () => {
    const hash = createHash('sha256').update(REACT_REFRESH_PREAMBLE).digest('base64');
    expect(directive(DEV_SERVER_POLICY, 'script-src')).toBe(`script-src 'self' 'sha256-${hash}'`);
    expect(DEV_SERVER_POLICY.replace(` 'sha256-${hash}'`, '')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('the allowed preamble is the one @vitejs/plugin-react serves (an upgrade that changes it fails here)', () => {
    expect(REACT_REFRESH_PREAMBLE).toBe(react.preambleCode.replace('__BASE__', '/'));
  });

  it('the dev policy answers only the dev server of an unpackaged app', () => {
    expect(contentSecurityPolicyFor(DEV, 'http://localhost:5173/')).toBe(DEV_SERVER_POLICY);
    expect(contentSecurityPolicyFor(DEV, 'http://localhost:5173/src/main.tsx?t=1')).toBe(DEV_SERVER_POLICY);
    expect(contentSecurityPolicyFor({ ...DEV, packaged: true }, 'http://localhost:5173/')).toBe(CONTENT_SECURITY_POLICY);
    expect(contentSecurityPolicyFor(DEV, 'http://localhost:5174/')).toBe(CONTENT_SECURITY_POLICY);
    expect(contentSecurityPolicyFor(DEV, 'file:///opt/app/resources/app.asar/out/renderer/index.html')).toBe(CONTENT_SECURITY_POLICY);
    expect(contentSecurityPolicyFor({ packaged: false, devServerUrl: undefined }, 'http://localhost:5173/')).toBe(CONTENT_SECURITY_POLICY);
    expect(contentSecurityPolicyFor({ packaged: false, devServerUrl: 'not a url' }, 'not a url')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('replaces a policy the server sent, in any letter case, and keeps the other headers', () => {
    const headers = withContentSecurityPolicy(DEV, 'http://localhost:5173/', {
      'content-security-policy': ["script-src 'unsafe-inline'"],
      'CONTENT-SECURITY-POLICY': ['default-src *'],
      'Content-Type': ['text/html'],
    });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [DEV_SERVER_POLICY] });
    expect(withContentSecurityPolicy({ packaged: true, devServerUrl: undefined }, 'file:///x/index.html', undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('the meta tag guarding the file:// page is production policy without the header-only directives', () => {
    const html = readFileSync(join(process.cwd(), 'src-renderer/index.html'), 'utf8');
    const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/g)].map((match) => match[1]);
    expect(metas).toEqual([RENDERER_META_POLICY]);
    expect(RENDERER_META_POLICY).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''));
    expect(RENDERER_META_POLICY).toContain("form-action 'none'");
  });
});

import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { trustOrigins } from './trusted-sender';

describe('trusted IPC senders on POSIX', () => {
  const trusted = trustOrigins({ fileRoot: '/opt/bpo-crm/resources/app/out/renderer', httpOrigin: 'http://127.0.0.1:5173', platform: 'linux' });

  it("trusts the packaged renderer's own pages, however their URL is spelt", () => {
    expect(trusted('file:///opt/bpo-crm/resources/app/out/renderer/index.html')).toBe(true);
    expect(trusted('file:///opt/bpo-crm/resources/app/out/renderer/index.html#/pipeline')).toBe(true);
    expect(trusted('file:///opt/bpo-crm/resources/app/out/renderer/assets/../index.html')).toBe(true);
    expect(trusted(pathToFileURL('/opt/bpo-crm/resources/app/out/renderer/index.html').href)).toBe(true);
  });

  it('refuses look-alike folders, escapes and encoded separators', () => {
    for (const url of [
      'file:///opt/bpo-crm/resources/app/out/renderer-evil/x.html',
      'file:///opt/bpo-crm/resources/app/out/rendererx.html',
      'file:///opt/bpo-crm/resources/app/out/renderer',
      'file:///opt/bpo-crm/resources/app/out/renderer/..%2F..%2Ftmp%2Fevil.html',
      'file:///opt/bpo-crm/resources/app/out/renderer/%2e%2e/%2e%2e/evil.html',
      'file:///opt/bpo-crm/resources/app/out/renderer/../renderer-evil/x.html',
      'file://evil-host/opt/bpo-crm/resources/app/out/renderer/index.html',
      'file:///tmp/evil.html',
      'file:///OPT/BPO-CRM/RESOURCES/APP/OUT/RENDERER/index.html',
    ]) {
      expect(trusted(url), url).toBe(false);
    }
  });

  it('trusts exactly the dev origin over http, and nothing that is not a URL', () => {
    expect(trusted('http://127.0.0.1:5173/#/pipeline')).toBe(true);
    for (const url of ['http://127.0.0.1:5174/', 'https://127.0.0.1:5173/', 'http://localhost:5173/', 'https://evil.example/', '', 'not a url']) {
      expect(trusted(url), url).toBe(false);
    }
  });

  it('trusts no file page when only an http origin is given (the test harness)', () => {
    const harness = trustOrigins({ httpOrigin: 'http://127.0.0.1:5173', platform: 'linux' });
    expect(harness('file:///opt/bpo-crm/resources/app/out/renderer/index.html')).toBe(false);
    expect(harness('http://127.0.0.1:5173/')).toBe(true);
  });
});

describe('trusted IPC senders on Windows, where most floors run', () => {
  const trusted = trustOrigins({ fileRoot: 'C:\\Program Files\\BPO CRM\\resources\\app.asar\\out\\renderer', platform: 'win32' });

  it("trusts the app's own file URL in each spelling Chromium may report", () => {
    expect(trusted('file:///C:/Program%20Files/BPO%20CRM/resources/app.asar/out/renderer/index.html')).toBe(true);
    expect(trusted('file:///c:/program%20files/bpo%20crm/resources/app.asar/out/renderer/index.html')).toBe(true);
    expect(trusted('file:///C:/Program%20Files/BPO%20CRM/resources/app.asar/out/renderer/index.html#/leads/7')).toBe(true);
    expect(trusted(pathToFileURL('C:\\Program Files\\BPO CRM\\resources\\app.asar\\out\\renderer\\index.html', { windows: true }).href)).toBe(true);
  });

  it('refuses siblings, escapes, other drives and shares', () => {
    for (const url of [
      'file:///C:/Program%20Files/BPO%20CRM/resources/app.asar/out/renderer-evil/x.html',
      'file:///C:/Program%20Files/BPO%20CRM/resources/app.asar/out/renderer/..%2F..%2Fevil.html',
      'file:///C:/Program%20Files/BPO%20CRM/resources/app.asar/out/renderer/..%5C..%5Cevil.html',
      'file:///D:/Program%20Files/BPO%20CRM/resources/app.asar/out/renderer/index.html',
      'file://evil-host/share/out/renderer/index.html',
      'file:///C:/Users/Public/evil.html',
    ]) {
      expect(trusted(url), url).toBe(false);
    }
  });
});

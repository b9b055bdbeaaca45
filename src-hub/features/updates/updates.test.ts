import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// electron-updater's own feed parser and URL resolution (what the app's generic provider runs).
import { parseUpdateInfo, resolveFiles } from 'electron-updater/out/providers/Provider';
import { startTestHub, type TestHub } from '../../testing/hub-test-env';
import { publishUpdate } from './publish-update';

/** A stand-in installer (installers cannot be built here) and its feed, as electron-builder writes them. */
function build(version = '1.4.0', name = `BPO-CRM-Desktop-Setup-${version}.exe`) {
  const dir = mkdtempSync(join(tmpdir(), 'build-'));
  const installer = randomBytes(200_000);
  writeFileSync(join(dir, name), installer);
  const sha512 = createHash('sha512').update(installer).digest('base64');
  const feed = `version: ${version}\nfiles:\n  - url: ${name}\n    sha512: ${sha512}\n    size: ${installer.length}\npath: ${name}\nsha512: ${sha512}\nreleaseDate: '2026-12-01T08:00:00.000Z'\n`;
  writeFileSync(join(dir, 'latest.yml'), feed);
  return { dir, name, installer, sha512, feed, feedPath: join(dir, 'latest.yml') };
}

describe('app updates from the hub', () => {
  let env: TestHub;
  let bare: TestHub;
  const updatesDir = join(mkdtempSync(join(tmpdir(), 'updates-')), 'updates');

  beforeAll(async () => {
    [env, bare] = await Promise.all([startTestHub('pglite', { updatesDir }), startTestHub('pglite', { updatesDir: null })]);
  });
  afterAll(async () => {
    await env.close();
    await bare.close();
  });

  it('publishes a checked build and serves its feed and installer to electron-updater without a sign-in', async () => {
    const release = build();
    expect(await publishUpdate(release.feedPath, updatesDir)).toBe(`Published 1.4.0 (${release.name}) with latest.yml in ${updatesDir}.`);
    const feedUrl = `${env.url}/updates/latest.yml`;
    const feed = await fetch(feedUrl);
    expect([feed.status, feed.headers.get('content-type')]).toEqual([200, 'text/yaml; charset=utf-8']);
    const info = parseUpdateInfo(await feed.text(), 'latest.yml', new URL(feedUrl));
    expect(info.version).toBe('1.4.0');
    const [file] = resolveFiles(info, new URL(`${env.url}/updates/`));
    expect(file?.url.href).toBe(`${env.url}/updates/${release.name}`);
    const download = await fetch(file!.url);
    expect(download.status).toBe(200);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(createHash('sha512').update(bytes).digest('base64')).toBe(info.files[0]?.sha512);
  });

  it('refuses a feed whose files do not match it, and publishes nothing', async () => {
    const refusals: Array<[ReturnType<typeof build>, (release: ReturnType<typeof build>) => void, RegExp]> = [
      [build('1.5.0'), (r) => writeFileSync(join(r.dir, r.name), Buffer.concat([r.installer, Buffer.from('x')])), /has 200001 bytes; latest.yml says 200000/],
      [build('1.5.0'), (r) => writeFileSync(join(r.dir, r.name), randomBytes(200_000)), /does not match the SHA-512 in latest.yml/],
      [build('1.5.0'), (r) => writeFileSync(r.feedPath, r.feed.replace(`url: ${r.name}`, 'url: ../../etc/passwd')), /files\.0\.url: must be a file name beside the feed/],
      [build('1.5.0'), (r) => writeFileSync(r.feedPath, r.feed.replace('version: 1.5.0', 'version: latest')), /version: must be a semantic version/],
      [build('1.5.0'), (r) => writeFileSync(r.feedPath, 'version: [1.5'), /is not an update feed: it is not YAML/],
      [build('1.5.0'), (r) => writeFileSync(r.feedPath, r.feed.replace(`url: ${r.name}`, 'url: Missing-1.5.0.exe')), /Missing-1\.5\.0\.exe, named by latest.yml, is not beside it/],
    ];
    for (const [release, spoil, message] of refusals) {
      spoil(release);
      await expect(publishUpdate(release.feedPath, updatesDir)).rejects.toThrow(message);
    }
    await expect(publishUpdate(join(build().dir, 'BPO-CRM-Desktop-Setup-1.4.0.exe'), updatesDir)).rejects.toThrow(/--feed must be one of latest.yml/);
    // The published 1.4.0 is still what the hub serves.
    expect(await (await fetch(`${env.url}/updates/latest.yml`)).text()).toContain('version: 1.4.0');
  });

  it('answers only published files by name: 404 for others, 400 naming the file for a path', async () => {
    const missing = await fetch(`${env.url}/updates/latest-mac.yml`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toBe('No update file latest-mac.yml is published on this hub.');
    for (const path of ['..%2Fhub-secret.key', '%2E%2E', '.latest.yml.1.tmp', 'a%00b']) {
      const answer = await fetch(`${env.url}/updates/${path}`);
      expect([400, 404]).toContain(answer.status);
    }
    const traversal = await fetch(`${env.url}/updates/..%2Fhub-secret.key`);
    expect(((await traversal.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('file') });
    const none = await fetch(`${bare.url}/updates/latest.yml`);
    expect(((await none.json()) as { error: { message: string } }).error.message).toContain('set HUB_UPDATES_DIR');
  });
});

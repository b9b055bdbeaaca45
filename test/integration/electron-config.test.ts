import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Configuration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';
// electron-builder's own config loader, validator and naming (app-builder-lib and builder-util come with
// electron-builder, pinned by it): the config is checked as the packager will read it, not as we think it does.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { installPrefix } from 'app-builder-lib/out/targets/LinuxTargetHelper';
import { DebugLogger } from 'builder-util';
import { sanitizeFileName } from 'builder-util/out/filename';
import { APP_ID, LINUX_EXECUTABLE_NAME } from '../../src-main/app-identity';
import { appUserModelId } from '../../src-main/lifecycle/app-user-model-id';
import { ALLOWED_PERMISSIONS } from '../../src-main/security/permissions';

const ROOT = process.cwd();

/** Width and height from a PNG's IHDR, and whether it has an alpha channel (colour type 6 or 4). */
function pngHeader(path: string): { width: number; height: number; alpha: boolean } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 8).toString('hex'), `${path} is not a PNG`).toBe('89504e470d0a1a0a');
  expect(bytes.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), alpha: bytes[25] === 6 || bytes[25] === 4 };
}

/** What the Electron binary would check at first launch, checked without it (it cannot run here). */
describe('Electron packaging and first launch, checked without the binary', () => {
  let config: Configuration;

  beforeAll(async () => {
    config = await getConfig(ROOT, null, null);
  });

  it('electron-builder finds electron-builder.ts and its own schema accepts it', async () => {
    expect(config.appId).toBeDefined();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the installer appId is the AppUserModelID the installed app claims on Windows (toasts need the match)', () => {
    expect(config.appId).toBe(APP_ID);
    expect(appUserModelId({ packaged: true, execPath: 'C:\\Program Files\\BPO CRM Desktop\\BPO CRM Desktop.exe' })).toBe(config.appId);
    // Unpackaged there is no installer shortcut: Electron's guide has dev runs use the binary's own path.
    expect(appUserModelId({ packaged: false, execPath: 'C:\\repo\\node_modules\\electron\\dist\\electron.exe' })).toBe('C:\\repo\\node_modules\\electron\\dist\\electron.exe');
  });

  describe('icons, per target', () => {
    it('macOS: the icns is made from a square PNG of at least 512 px (electron-builder 26 refuses less)', () => {
      const icon = pngHeader(join(ROOT, config.mac?.icon ?? config.icon ?? ''));
      expect(icon.width).toBe(icon.height);
      expect(icon.width).toBeGreaterThanOrEqual(512);
      expect(icon.width).toBe(1024); // what Apple's largest slot (512@2x) wants
      expect(icon.alpha).toBe(true);
    });

    it('Windows: the ico is made from a square PNG of at least 256 px', () => {
      const icon = pngHeader(join(ROOT, config.win?.icon ?? config.icon ?? ''));
      expect(icon.width).toBe(icon.height);
      expect(icon.width).toBeGreaterThanOrEqual(256);
    });

    it('Linux: a set of hicolor theme sizes, each file as large as its name says (electron-builder trusts the name)', () => {
      const dir = join(ROOT, config.linux?.icon ?? '');
      const files = readdirSync(dir).filter((name) => name.endsWith('.png'));
      expect(files.length).toBeGreaterThan(0);
      const hicolor = [16, 22, 24, 32, 36, 48, 64, 72, 96, 128, 192, 256, 512];
      for (const name of files) {
        const named = Number(/^(\d+)x\1\.png$/.exec(name)?.[1]);
        expect(hicolor, `${name} is not a size of the hicolor theme`).toContain(named);
        expect(pngHeader(join(dir, name))).toEqual({ width: named, height: named, alpha: true });
      }
      // The AppImage's .DirIcon is the largest; desktops want at least 256 px there.
      expect(Math.max(...files.map((name) => parseInt(name, 10)))).toBeGreaterThanOrEqual(256);
    });
  });

  describe('Ubuntu 23.10+ AppArmor (the sandbox stays on)', () => {
    const installedBinary = () => `${installPrefix}/${sanitizeFileName(config.productName ?? '')}/${config.linux?.executableName ?? ''}`;

    /** The profile as electron-builder writes it into the deb (its ${name} macros filled in, unknown ones refused). */
    function renderedProfile(): string {
      const template = readFileSync(join(ROOT, config.deb?.appArmorProfile ?? ''), 'utf8');
      const values: Record<string, string> = { executable: config.linux?.executableName ?? '', sanitizedProductName: sanitizeFileName(config.productName ?? '') };
      return template.replace(/\$\{([a-zA-Z]+)\}/g, (_match, name: string) => {
        if (!(name in values)) throw new Error(`Macro ${name} is not defined`);
        return values[name] as string;
      });
    }

    it('the deb carries our profile, installed by electron-builder’s after-install into /etc/apparmor.d/', () => {
      expect(config.deb?.appArmorProfile).toBe('resources/linux/apparmor-profile.tpl');
      // Our own after-install would replace the one that copies and loads the profile.
      expect(config.deb?.afterInstall).toBeUndefined();
      const afterInstall = readFileSync(join(ROOT, 'node_modules/app-builder-lib/templates/linux/after-install.tpl'), 'utf8');
      expect(afterInstall).toContain("APPARMOR_PROFILE_SOURCE='/opt/${sanitizedProductName}/resources/apparmor-profile'");
      expect(afterInstall).toContain("APPARMOR_PROFILE_TARGET='/etc/apparmor.d/${executable}'");
      expect(afterInstall).toContain('apparmor_parser --replace');
    });

    it('the profile grants user namespaces to the installed binary and nothing else', () => {
      expect(config.linux?.executableName).toBe(LINUX_EXECUTABLE_NAME);
      const rules = renderedProfile()
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith('#'));
      expect(rules).toEqual([
        'abi <abi/4.0>,',
        'include <tunables/global>',
        `profile ${LINUX_EXECUTABLE_NAME} "${installedBinary()}" flags=(unconfined) {`,
        'userns,',
        `include if exists <local/${LINUX_EXECUTABLE_NAME}>`,
        '}',
      ]);
      expect(installedBinary()).toBe('/opt/BPO CRM Desktop/bpo-crm-desktop');
    });
  });

  it('the renderer gets only the web permissions it uses', () => {
    expect(ALLOWED_PERMISSIONS).toEqual(['clipboard-sanitized-write']);
  });
});

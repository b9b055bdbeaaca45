import type { Configuration } from 'electron-builder';
import { APP_ID, LINUX_EXECUTABLE_NAME, PRODUCT_NAME } from './src-main/app-identity';

// Packaging (cannot run on the development machines: they cannot download Electron's binary). electron-builder
// finds this file by its name; test/integration/electron-config.test.ts loads it the same way and checks it.
const config: Configuration = {
  // One spelling shared with main: Windows shows a toast only for the AppUserModelID of the installer's shortcut.
  appId: APP_ID,
  productName: PRODUCT_NAME,
  directories: {
    output: 'release/${version}',
    buildResources: 'resources',
  },
  files: ['out/**', 'package.json', '!**/*.test.*'],
  // macOS (icns: at least 512 px) and Windows (ico: at least 256 px) are made from this 1024 px rendering of
  // resources/icon.svg (npm run icons).
  icon: 'resources/icon.png',
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    maintainer: 'BPO CRM Desktop developers',
    // The AppArmor profile names the installed binary's path: keep the name fixed.
    executableName: LINUX_EXECUTABLE_NAME,
    // Sizes of the freedesktop hicolor theme (it has no 1024x1024 folder: an icon put there is not found).
    icon: 'resources/icons',
  },
  deb: {
    // Ubuntu 23.10+ lets only AppArmor-profiled programs create the user namespaces Chromium's sandbox needs;
    // electron-builder's after-install script copies this to /etc/apparmor.d/ and loads it.
    appArmorProfile: 'resources/linux/apparmor-profile.tpl',
  },
  win: {
    target: ['nsis'],
  },
  nsis: {
    oneClick: false,
    allowToChangeInstallationDirectory: true,
  },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.business',
  },
};

export default config;

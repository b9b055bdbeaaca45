/**
 * The app's identity, spelled once: electron-builder.ts packages under it and main runs under it. On Windows the
 * installer's Start-menu shortcut carries `APP_ID` as its AppUserModelID and a toast is shown only for a process
 * that claims the same id (src-main/lifecycle/app-user-model-id.ts), so the two must never drift apart.
 */
export const APP_ID = 'com.bpocrm.desktop';
export const PRODUCT_NAME = 'BPO CRM Desktop';
/** The Linux binary's name: the deb's AppArmor profile names its installed path. */
export const LINUX_EXECUTABLE_NAME = 'bpo-crm-desktop';

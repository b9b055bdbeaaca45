/**
 * Mixed app versions on one floor: updates wait for a restart, so for a while workstations run the previous
 * version. The app names its version on every hub request; the hub names the oldest it serves on every answer
 * and refuses an older app with 426 `update_required` (an app that names no version — scripts, the distributor
 * feed, probes — is not refused).
 */
export const APP_VERSION_HEADER = 'x-app-version';
export const MIN_APP_VERSION_HEADER = 'x-hub-min-app-version';

const VERSION = /^(\d{1,6})\.(\d{1,6})\.(\d{1,6})(?:-([0-9A-Za-z.-]{1,40}))?$/;

/** `1.4.0`, or a pre-release such as `1.4.0-beta.2` (build metadata is not accepted). */
export function isAppVersion(text: string): boolean {
  return VERSION.test(text);
}

/** Semantic-version order of two valid versions: negative when `a` is older. A pre-release comes before its release. */
export function compareAppVersions(a: string, b: string): number {
  const [, a1, a2, a3, aPre] = VERSION.exec(a) ?? [];
  const [, b1, b2, b3, bPre] = VERSION.exec(b) ?? [];
  for (const [x, y] of [
    [a1, b1],
    [a2, b2],
    [a3, b3],
  ] as const) {
    const diff = Number(x) - Number(y);
    if (diff !== 0) return diff;
  }
  if (aPre === bPre) return 0;
  if (aPre === undefined) return 1;
  if (bPre === undefined) return -1;
  return comparePreRelease(aPre, bPre);
}

function comparePreRelease(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const x = left[index];
    const y = right[index];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const numeric = /^\d+$/.test(x) && /^\d+$/.test(y);
    const diff = numeric ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
    if (diff !== 0) return diff;
  }
  return 0;
}

/** The message a refused app shows as is: it starts with the words the app's banner uses. */
export function updateRequiredMessage(appVersion: string, minVersion: string): string {
  return `Update required: this app is version ${appVersion} and the hub serves version ${minVersion} or later. Restart BPO CRM to install the update, or ask IT to update this computer.`;
}

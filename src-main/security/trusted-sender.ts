import { posix, win32 } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TrustedSenders {
  /** Folder of the packaged renderer: any file below it (never the folder's look-alike siblings). */
  fileRoot?: string;
  /** Exactly one http(s) origin: the dev server in `npm start`, the harness in tests. */
  httpOrigin?: string;
  /** Whose path rules apply to `file:` URLs; the running OS unless a test says otherwise. */
  platform?: NodeJS.Platform;
}

/**
 * Decides whether an IPC call comes from the app's own window. `file:` URLs are compared as resolved file
 * paths, never as strings: `…/renderer-evil/x.html` is a sibling of `…/renderer`, and `..%2F` is refused by
 * `fileURLToPath` (an encoded separator is no file name). Windows paths compare without case, as NTFS does.
 */
export function trustOrigins(allowed: TrustedSenders): (frameUrl: string) => boolean {
  const windows = (allowed.platform ?? process.platform) === 'win32';
  const paths = windows ? win32 : posix;
  const rootPrefix = allowed.fileRoot === undefined ? undefined : withTrailingSeparator(paths.resolve(allowed.fileRoot), paths.sep);
  const fold = (text: string): string => (windows ? text.toLowerCase() : text);

  return (frameUrl) => {
    let url: URL;
    try {
      url = new URL(frameUrl);
    } catch {
      return false;
    }
    if (url.protocol === 'file:') {
      if (rootPrefix === undefined) return false;
      const filePath = filePathOf(url, windows);
      return filePath !== null && fold(paths.resolve(filePath)).startsWith(fold(rootPrefix));
    }
    return allowed.httpOrigin !== undefined && url.origin === allowed.httpOrigin;
  };
}

function filePathOf(url: URL, windows: boolean): string | null {
  try {
    return fileURLToPath(url, { windows });
  } catch {
    return null; // encoded separators, a host on POSIX, a relative Windows path: none is the app's window
  }
}

function withTrailingSeparator(path: string, sep: string): string {
  return path.endsWith(sep) ? path : path + sep;
}

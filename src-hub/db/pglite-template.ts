import { readFileSync } from 'node:fs';

/**
 * `HUB_PGLITE_TEMPLATE=FILE`: a new PGlite database (a data folder without a cluster yet, or one in memory) starts
 * as a copy of FILE — a `dumpDataDir` tarball of a migrated, empty cluster — instead of a new cluster: PGlite's
 * initdb takes 6.5 s on the project's 2-core machine, loading the copy 1.4 s. A folder that holds a cluster is
 * opened as it is and the file is not read. The test run points it at its migrated snapshot (made once, kept
 * between runs), so the hubs it starts in processes of their own skip initdb as the in-process ones do.
 */
export const PGLITE_TEMPLATE_ENV = 'HUB_PGLITE_TEMPLATE';

/** The template the environment names and its content, or undefined; a file that cannot be read is an error naming it. */
export function pgliteTemplateOf(env: NodeJS.ProcessEnv): { file: string; content: Blob } | undefined {
  const file = env[PGLITE_TEMPLATE_ENV];
  if (!file) return undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new Error(`${PGLITE_TEMPLATE_ENV} names ${file}, which cannot be read (${error instanceof Error ? error.message : String(error)}).`, { cause: error });
  }
  // Checked here: PGlite, handed something else, fails with a decompressor's message and a rejection nobody awaits.
  if (!isTarOrGzip(bytes)) throw new Error(`${PGLITE_TEMPLATE_ENV} names ${file}, which is not a dump of a PGlite data folder (a tar file, or a gzip-compressed one).`);
  return { file, content: new Blob([bytes]) };
}

/** A tar file (its first header's "ustar" magic) or gzip data (its two magic bytes). */
function isTarOrGzip(bytes: Buffer): boolean {
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  return gzip || bytes.subarray(257, 262).toString('latin1') === 'ustar';
}

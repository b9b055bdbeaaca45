import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ExportCsvOutput } from '../../src-shared/contract/ipc.contract';
import type { HubClient } from '../hub/hub-client';

/** Asks the user where to save (Electron: the save dialog); null when they cancel. */
export type ChooseSavePath = (defaultName: string) => Promise<string | null>;

/** `leads-2026-11-23.csv` */
export function exportFileName(now: Date): string {
  return `leads-${now.toISOString().slice(0, 10)}.csv`;
}

/**
 * Streams `GET /leads/export.csv` into the chosen file: never held whole in memory (a million rows is fine).
 * Written to `<file>.part` first and renamed at the end, so a dropped connection leaves no half file under
 * the user's name.
 */
export async function exportLeadsCsv(
  hub: HubClient,
  query: Record<string, string | number | undefined>,
  chooseSavePath: ChooseSavePath,
  now: Date = new Date(),
): Promise<ExportCsvOutput> {
  const path = await chooseSavePath(exportFileName(now));
  if (!path) return { path: null, rows: 0 };
  const body = await hub.download('/leads/export.csv', query);
  let newlines = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      for (const byte of chunk) if (byte === 0x0a) newlines++;
      done(null, chunk);
    },
  });
  const partial = `${path}.part`;
  try {
    await pipeline(body, counter, createWriteStream(partial));
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  // One line per lead after the header; quoted fields never hold a raw newline (the hub writes them as spaces).
  return { path, rows: Math.max(0, newlines - 1) };
}

import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UPDATE_FEEDS } from '../../../src-shared/contract/updates.schema';
import { parseUpdateFeed, sha512Of } from './update-feed';

export class PublishError extends Error {}

/**
 * `hub admin publish-update --feed latest.yml`: checks the feed and every file it names (beside it; size and
 * SHA-512 equal to what the feed says), copies the installers into the updates folder, and the feed last — by a
 * rename, so a workstation never reads a feed whose installer is not there yet. Answers what was published.
 */
export async function publishUpdate(feedPath: string, updatesDir: string): Promise<string> {
  const feedName = basename(feedPath);
  if (!(UPDATE_FEEDS as readonly string[]).includes(feedName)) throw new PublishError(`--feed must be one of ${UPDATE_FEEDS.join(', ')} as electron-builder writes it (got ${feedName}).`);
  if (!existsSync(feedPath)) throw new PublishError(`${feedPath} does not exist.`);
  const checked = parseUpdateFeed(readFileSync(feedPath, 'utf8'));
  if (!checked.ok) throw new PublishError(`${feedPath} is not an update feed: ${checked.problem}.`);
  const from = dirname(feedPath);
  for (const file of checked.feed.files) {
    const path = join(from, file.url);
    if (!existsSync(path)) throw new PublishError(`${file.url}, named by ${feedName}, is not beside it in ${from}.`);
    const size = statSync(path).size;
    if (size !== file.size) throw new PublishError(`${file.url} has ${size} bytes; ${feedName} says ${file.size}. Publish the files of one build together.`);
    if ((await sha512Of(path)) !== file.sha512) throw new PublishError(`${file.url} does not match the SHA-512 in ${feedName}. Publish the files of one build together.`);
  }
  mkdirSync(updatesDir, { recursive: true });
  for (const file of checked.feed.files) copyFileSync(join(from, file.url), join(updatesDir, file.url));
  const staged = join(updatesDir, `.${feedName}.${process.pid}.tmp`);
  copyFileSync(feedPath, staged);
  renameSync(staged, join(updatesDir, feedName));
  return `Published ${checked.feed.version} (${checked.feed.files.map((file) => file.url).join(', ')}) with ${feedName} in ${updatesDir}.`;
}

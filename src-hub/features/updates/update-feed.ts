import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { load } from 'js-yaml';
import { z } from 'zod';

/**
 * electron-builder's update feed (`latest.yml`, `latest-mac.yml`, `latest-linux.yml`): the version and each
 * file's name, SHA-512 (base64) and size, as electron-updater's generic provider reads it.
 */
const fileName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._ -]*$/, 'must be a file name beside the feed (no folder, no URL)').max(200);
const sha512 = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'must be a base64 SHA-512');

export const updateFeedSchema = z.looseObject({
  version: z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, 'must be a semantic version such as 1.4.0'),
  files: z.array(z.looseObject({ url: fileName, sha512, size: z.int().positive() })).min(1),
  releaseDate: z.string().optional(),
});
export type UpdateFeed = z.infer<typeof updateFeedSchema>;

export type FeedCheck = { ok: true; feed: UpdateFeed } | { ok: false; problem: string };

export function parseUpdateFeed(text: string): FeedCheck {
  let value: unknown;
  try {
    value = load(text, { json: true });
  } catch (error) {
    return { ok: false, problem: `it is not YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
  const parsed = updateFeedSchema.safeParse(value);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    return { ok: false, problem: `${issue?.path.join('.') || 'feed'}: ${issue?.message ?? 'not an update feed'}` };
  }
  return { ok: true, feed: parsed.data };
}

/** A file's SHA-512 in base64, as the feed states it. */
export function sha512Of(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha512');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('base64')));
  });
}

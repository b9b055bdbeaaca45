import { z } from 'zod';

/**
 * What the hub serves at `/updates/`: the installers and the `latest*.yml` feeds an administrator published
 * (`hub admin publish-update`), read by the app's updater (electron-updater's generic provider). A file name
 * only: letters, digits, dot, dash, underscore and space, never a folder.
 */
export const updateFileParamsSchema = z.strictObject({
  file: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._ -]*$/, 'must be a file name of letters, digits, dots, dashes, underscores and spaces'),
});
export type UpdateFileParams = z.infer<typeof updateFileParamsSchema>;

/** A feed file's name per platform, as electron-builder writes them. */
export const UPDATE_FEEDS = ['latest.yml', 'latest-mac.yml', 'latest-linux.yml', 'latest-linux-arm64.yml'] as const;

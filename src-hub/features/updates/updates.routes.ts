import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { updateFileParamsSchema } from '../../../src-shared/contract/updates.schema';
import type { HubContext } from '../../hub-context';
import { HubError } from '../../http/hub-error';
import { route } from '../../http/route';

/**
 * The app's update feed: the installers and `latest*.yml` an administrator published, served as files to
 * electron-updater's generic provider (no sign-in: an installer holds nothing of the floor's data, and the
 * app checks every download against the feed's SHA-512 before installing it).
 */
export function registerUpdatesRoutes(app: FastifyInstance, hub: HubContext): void {
  route(
    app,
    hub,
    {
      method: 'GET',
      url: '/updates/:file',
      tag: 'updates',
      summary: 'A published update file: latest.yml / latest-mac.yml / latest-linux.yml, or an installer they name (hub admin publish-update)',
      auth: 'none',
      params: updateFileParamsSchema,
      errors: ['not_found'],
      raw: true,
      contentType: 'application/octet-stream',
      otherContentTypes: ['text/yaml'],
    },
    async ({ params, reply }) => {
      const dir = hub.config.updatesDir ?? null;
      const path = dir ? join(dir, params.file) : null;
      if (!path || params.file.startsWith('.') || !existsSync(path) || !statSync(path).isFile()) {
        throw new HubError('not_found', `No update file ${params.file} is published on this hub${dir ? '' : ' (it has no updates folder: set HUB_UPDATES_DIR)'}.`);
      }
      const feed = params.file.endsWith('.yml');
      return reply
        .code(200)
        .header('content-type', feed ? 'text/yaml; charset=utf-8' : 'application/octet-stream')
        .header('content-length', String(statSync(path).size))
        .header('cache-control', feed ? 'no-cache' : 'public, max-age=86400')
        .send(createReadStream(path));
    },
  );
}

import type { FastifyInstance } from 'fastify';
import { APP_VERSION_HEADER, compareAppVersions, isAppVersion, MIN_APP_VERSION_HEADER, updateRequiredMessage } from '../../../src-shared/contract/app-version';
import { HubError } from '../../http/hub-error';
import type { HubConfig, HubContext } from '../../hub-context';

/**
 * The oldest app version this hub serves: raised by the release whose hub the previous app could not use (a
 * contract change it cannot read). Every change so far stays readable by the previous version, so it is the
 * first version that names itself. An operator may raise it (`HUB_MIN_APP_VERSION`) to retire a version early.
 */
export const MIN_APP_VERSION = '0.1.0';

/** `HubConfig.minAppVersion`, else HUB_MIN_APP_VERSION, else MIN_APP_VERSION; a malformed one stops the start, naming it. */
export function minAppVersionOf(config: Pick<HubConfig, 'minAppVersion'>): string {
  const value = (config.minAppVersion ?? process.env['HUB_MIN_APP_VERSION'] ?? '').trim() || MIN_APP_VERSION;
  if (!isAppVersion(value)) throw new Error(`HUB_MIN_APP_VERSION: "${value}" is not a version such as 1.4.0.`);
  return value;
}

/**
 * Every answer names the oldest app version served; a request naming an older one is refused with 426
 * `update_required` before anything else runs (sign-in included), so an old app says "Update required" instead
 * of failing at random on a contract it cannot read. A request naming no version is served as before.
 */
export function registerAppVersionGate(app: FastifyInstance, hub: HubContext): void {
  const min = minAppVersionOf(hub.config);
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header(MIN_APP_VERSION_HEADER, min);
    const sent = request.headers[APP_VERSION_HEADER];
    if (sent === undefined) return done();
    const version = (Array.isArray(sent) ? sent[0] : sent) ?? '';
    if (!isAppVersion(version)) return done(new HubError('invalid_input', `Invalid ${APP_VERSION_HEADER} header: "${version.slice(0, 40)}" is not a version such as 1.4.0.`));
    if (compareAppVersions(version, min) < 0) return done(new HubError('update_required', updateRequiredMessage(version, min)));
    done();
  });
}

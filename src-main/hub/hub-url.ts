import { AppFailure } from '../ipc/app-failure';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * The hub's address as typed by a user: https anywhere, plain http only on this machine (training mode and
 * tests) — a session token must never cross a network in clear text. Answers the normalised base URL.
 */
export function checkHubUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw AppFailure.of('invalid_input', `"${text}" is not a web address. Use the hub address your administrator gave you, like https://hub.example.com.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw AppFailure.of('invalid_input', 'The hub address must start with https://.');
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    throw AppFailure.of('invalid_input', `Refusing plain http:// for ${url.hostname}: the hub must use https:// unless it runs on this computer.`);
  }
  if (url.username || url.password) throw AppFailure.of('invalid_input', 'The hub address must not contain a user name or password.');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

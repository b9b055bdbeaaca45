import { isIP } from 'node:net';

/** fastify's `trustProxy`: false, or the proxies' addresses and CIDR ranges. */
export type TrustProxy = false | string[];

/**
 * `HUB_TRUST_PROXY`: unset trusts no proxy, so a client cannot pick its own address with X-Forwarded-For
 * (the login throttle counts by address). Behind a reverse proxy, name it — `10.0.0.5`, `10.0.0.0/24,10.0.1.7`;
 * only a request arriving from a named proxy has its X-Forwarded-For believed. Anything else stops the hub at start, naming it.
 */
export function trustProxyOf(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '') return false;
  const entries = text.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !isAddressOrRange(entry));
  if (bad !== undefined) throw new Error(`HUB_TRUST_PROXY: "${bad}" is not an IP address or a CIDR range (e.g. 10.0.0.5 or 10.0.0.0/24, comma-separated).`);
  return entries;
}

function isAddressOrRange(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length > 0 || address === undefined) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d+$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

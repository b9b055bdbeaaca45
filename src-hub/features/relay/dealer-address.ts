import { BlockList, isIP } from 'node:net';

/** Cloud metadata and link-local services: never a dealer, and where a stolen request does most harm. */
const LINK_LOCAL = new BlockList();
LINK_LOCAL.addSubnet('169.254.0.0', 16, 'ipv4');
LINK_LOCAL.addSubnet('fe80::', 10, 'ipv6');
LINK_LOCAL.addAddress('fd00:ec2::254', 'ipv6');

/** This machine: only the sandbox dealer of tests and training lives there. */
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addSubnet('0.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');
LOOPBACK.addAddress('::', 'ipv6');

/**
 * Why the hub will not call a dealer at this IP address, or null when it may. Private LAN and VPN ranges stay
 * allowed: dealers are often reached that way. Loopback only with `--demo` or HUB_ALLOW_LOOPBACK_DEALERS=1.
 */
export function refusedDealerAddress(address: string, allowLoopback: boolean): string | null {
  const plain = unmapped(address);
  const family = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
  if (isIP(plain) === 0) return null;
  if (LINK_LOCAL.check(plain, family)) return `${address} is a link-local or cloud metadata address`;
  if (!allowLoopback && LOOPBACK.check(plain, family)) return `${address} is this hub's own machine (loopback)`;
  return null;
}

/** The literal IP of a URL's host (`[::1]` without brackets), or null for a name. */
export function literalHostOf(url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host.toLowerCase() === 'localhost' || host.toLowerCase().endsWith('.localhost')) return '127.0.0.1';
  return isIP(host) === 0 ? null : host;
}

/** `::ffff:169.254.169.254` reaches the IPv4 address: judge it as that. */
function unmapped(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { literalHostOf, refusedDealerAddress } from './dealer-address';

/** What came back from a dealer: an HTTP answer, or why there was none. */
export type DealerAnswer =
  | { kind: 'answer'; status: number; text: string }
  /** Never reached the server (refused, unknown host): nothing was carried out. */
  | { kind: 'unreachable'; detail: string }
  /** Sent, but no (whole) answer in time or the connection broke: the outcome is unknown. */
  | { kind: 'timeout' | 'broken'; detail: string };

const MAX_ANSWER_BYTES = 16 * 1024 * 1024;
/** Our own refusal of an address (dealer-address.ts): nothing was sent. */
const REFUSED_ADDRESS = 'EDEALERADDRESS';
const NOT_SENT = new Set([REFUSED_ADDRESS, 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

/**
 * POSTs a JSON body to `url` within `timeoutMs` (connection to last byte). No keep-alive: a pooled socket the
 * dealer closed while idle would make a harmless call look like an outcome-unknown one; no redirects (the
 * body carries the API key).
 */
export function postDealer(url: string, body: string, timeoutMs: number, options: { allowLoopback: boolean }): Promise<DealerAnswer> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve({ kind: 'unreachable', detail: 'the Odoo URL is not a valid address' });
  }
  // A literal IP never goes through the lookup below; a name is judged by every address it resolves to, at
  // connection time, so a name re-pointed at a metadata address after it was configured is refused too.
  const literal = literalHostOf(target);
  const refused = literal === null ? null : refusedDealerAddress(literal, options.allowLoopback);
  if (refused !== null) return Promise.resolve({ kind: 'unreachable', detail: `${refused}, which the hub never calls` });
  return new Promise((resolve) => {
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(target, {
      method: 'POST',
      agent: false,
      lookup: guardedLookup(options.allowLoopback),
      headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    let settled = false;
    const timer = setTimeout(() => {
      settle({ kind: 'timeout', detail: `no answer within ${Math.round(timeoutMs / 1000)} s` });
      request.destroy();
    }, timeoutMs);
    const settle = (answer: DealerAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(answer);
    };
    request.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? 'error';
      const detail = code === REFUSED_ADDRESS ? error.message : code;
      settle(NOT_SENT.has(code) && !request.reusedSocket ? { kind: 'unreachable', detail } : { kind: 'broken', detail });
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) {
          settle({ kind: 'broken', detail: 'the answer was too large' });
          request.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => settle({ kind: 'answer', status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', (error: NodeJS.ErrnoException) => settle({ kind: 'broken', detail: error.code ?? 'the answer broke off' }));
    });
    request.end(body);
  });
}

/** dns.lookup, keeping only the addresses a dealer may have; none left is our own "not sent" error. */
export function guardedLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 4);
      const allowed = addresses.filter((entry) => refusedDealerAddress(entry.address, allowLoopback) === null);
      const first = allowed[0];
      if (!first) {
        const reasons = addresses.map((entry) => refusedDealerAddress(entry.address, allowLoopback)).join('; ');
        return callback(Object.assign(new Error(`${hostname} resolves to ${reasons}, which the hub never calls`), { code: REFUSED_ADDRESS }), '', 4);
      }
      if (lookupOptions.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, allowed);
      callback(null, first.address, first.family);
    });
  };
}

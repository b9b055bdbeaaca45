import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** What came back from a dealer: an HTTP answer, or why there was none. */
export type DealerAnswer =
  | { kind: 'answer'; status: number; text: string }
  /** Never reached the server (refused, unknown host): nothing was carried out. */
  | { kind: 'unreachable'; detail: string }
  /** Sent, but no (whole) answer in time or the connection broke: the outcome is unknown. */
  | { kind: 'timeout' | 'broken'; detail: string };

const MAX_ANSWER_BYTES = 16 * 1024 * 1024;
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

/**
 * POSTs a JSON body to `url` within `timeoutMs` (connection to last byte). No keep-alive: a pooled socket the
 * dealer closed while idle would make a harmless call look like an outcome-unknown one; no redirects (the
 * body carries the API key).
 */
export function postDealer(url: string, body: string, timeoutMs: number): Promise<DealerAnswer> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve({ kind: 'unreachable', detail: 'the Odoo URL is not a valid address' });
  }
  return new Promise((resolve) => {
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(target, {
      method: 'POST',
      agent: false,
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
      settle(NOT_SENT.has(code) && !request.reusedSocket ? { kind: 'unreachable', detail: code } : { kind: 'broken', detail: code });
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

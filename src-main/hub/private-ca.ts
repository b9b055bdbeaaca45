import { request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import type { StreamOpener } from '../sync/event-stream';

/**
 * A hub whose TLS certificate comes from IT's private certificate authority (set in the machine-wide file):
 * that authority joins the usual public roots — it never replaces them, and certificates are still checked.
 */
export function agentTrusting(caCertificate: string): Agent {
  return new Agent({ ca: [...rootCertificates, caCertificate] });
}

/** The event stream's opener for such a hub (Node's fetch takes no CA): node:https with the same agent. */
export function streamOpenerTrusting(caCertificate: string): StreamOpener {
  const agent = agentTrusting(caCertificate);
  return (url, headers, signal) =>
    new Promise((resolve, reject) => {
      const target = new URL(url);
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const call = send(target, { method: 'GET', headers, signal, ...(target.protocol === 'https:' ? { agent } : {}) }, (response: IncomingMessage) =>
        resolve({ status: response.statusCode ?? 0, body: response }),
      );
      call.on('error', reject);
      call.end();
    });
}

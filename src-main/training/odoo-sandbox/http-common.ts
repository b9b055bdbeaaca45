import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DispatchOutcome } from './rpc-dispatch';

/** What the sandbox's routes share: werkzeug's plain pages, the proxy's error pages, the body, the faulted delivery. */

const MAX_BODY_BYTES = 10 * 1024 * 1024;
const HTTP_REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Request Entity Too Large',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export interface HttpHooks {
  /** Holds the answer for the configured delay; resolves false if the sandbox closed meanwhile. */
  wait(ms: number): Promise<boolean>;
}

export function sendHtml(res: ServerResponse, status: number, description: string): void {
  const reason = HTTP_REASONS[status] ?? 'Error';
  const body = `<!doctype html>\n<html lang=en>\n<title>${status} ${reason}</title>\n<h1>${reason}</h1>\n<p>${description}</p>\n`;
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** What nginx answers when the Odoo worker behind it was killed or timed out. */
export function sendProxyError(res: ServerResponse, status: number): void {
  const reason = HTTP_REASONS[status] ?? 'Error';
  const body = `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  res.writeHead(status, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

export async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The answer after the faults had their say: lost with the socket, held back, or replaced by the proxy's page. */
export async function deliver(
  hooks: HttpHooks,
  res: ServerResponse,
  outcome: DispatchOutcome,
  httpError: { status: number } | null,
  send: (answer: DispatchOutcome['answer']) => void,
  delay: number | null,
): Promise<void> {
  if (outcome.dropAnswer) {
    res.socket?.destroy();
    return;
  }
  if (delay !== null && delay > 0 && !(await hooks.wait(delay))) return;
  if (res.destroyed) return;
  if (httpError) return sendProxyError(res, httpError.status);
  send(outcome.answer);
}

import type { Readable } from 'node:stream';
import axios, { AxiosError, type AxiosInstance, type Method } from 'axios';
import type { z } from 'zod';
import { APP_VERSION_HEADER, isAppVersion } from '../../src-shared/contract/app-version';
import { errorEnvelopeSchema, NEEDS_HUB_MESSAGE } from '../../src-shared/contract/errors';
import { AppFailure } from '../ipc/app-failure';
import { agentTrusting } from './private-ca';

export interface HubRequest<T extends z.ZodType> {
  method: Method;
  path: string;
  schema: T;
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** Safe to repeat (reads): retried on network errors and 5xx. Writes are never retried here. */
  idempotent?: boolean;
}

export interface HubClientOptions {
  timeoutMs?: number;
  retryDelaysMs?: readonly number[];
  /** IT's private certificate authority (PEM) for a hub whose certificate it issued. */
  caCertificate?: string;
  /** This app's version, named on every request (X-App-Version) so the hub can refuse one it no longer serves. */
  appVersion?: string;
}

/** The version header for every request to the hub (the event stream and the dealer relay too); none for a non-version (tests' 'test'). */
export function appVersionHeaders(appVersion: string | undefined): Record<string, string> {
  return appVersion && isAppVersion(appVersion) ? { [APP_VERSION_HEADER]: appVersion } : {};
}

/** The hub no longer serves this app version: only an update helps. */
export function isUpdateRequired(error: unknown): boolean {
  return error instanceof AppFailure && error.appError.code === 'update_required';
}

/** Transport failures: the hub could not be reached or did not answer. */
export function isUnreachable(error: unknown): boolean {
  return error instanceof AppFailure && error.appError.code === 'hub_unreachable';
}

/**
 * The hub's REST API for main: typed responses parsed with the shared schemas; hub errors become AppFailure
 * with the hub's own code and message; the token never leaves main.
 */
export class HubClient {
  private readonly http: AxiosInstance;
  private readonly retryDelaysMs: readonly number[];
  readonly appVersion: string | undefined;

  constructor(
    readonly baseUrl: string,
    private readonly token: () => string | null,
    options: HubClientOptions = {},
  ) {
    this.appVersion = options.appVersion;
    this.http = axios.create({
      baseURL: `${baseUrl}/api/v1`,
      timeout: options.timeoutMs ?? 15_000,
      validateStatus: () => true,
      maxRedirects: 0,
      headers: appVersionHeaders(options.appVersion),
      ...(options.caCertificate ? { httpsAgent: agentTrusting(options.caCertificate) } : {}),
    });
    this.retryDelaysMs = options.retryDelaysMs ?? [250, 1000];
  }

  async request<T extends z.ZodType>(request: HubRequest<T>): Promise<z.infer<T>> {
    const attempts = request.idempotent ? this.retryDelaysMs.length + 1 : 1;
    let last: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, this.retryDelaysMs[attempt - 1]));
      try {
        return await this.once(request);
      } catch (error) {
        last = error;
        const retryable = isUnreachable(error) || (error instanceof AppFailure && error.appError.code === 'internal' && error.message.startsWith('The hub failed'));
        if (!retryable) throw error;
      }
    }
    throw last;
  }

  /** A GET whose body is a file (CSV export): the body as a stream on 2xx, the hub's error otherwise. */
  async download(path: string, query: Record<string, string | number | undefined>): Promise<Readable> {
    const token = this.token();
    let response;
    try {
      response = await this.http.request<Readable>({
        method: 'GET',
        url: path,
        params: query,
        responseType: 'stream',
        timeout: 0,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    } catch (error) {
      const detail = error instanceof AxiosError ? (error.code ?? error.message) : String(error);
      throw AppFailure.of('hub_unreachable', `${NEEDS_HUB_MESSAGE} (${detail} at ${this.baseUrl})`);
    }
    if (response.status >= 200 && response.status < 300) return response.data;
    const text = await readSmall(response.data);
    const envelope = errorEnvelopeSchema.safeParse(safeJson(text));
    if (envelope.success) throw new AppFailure({ code: envelope.data.error.code, message: envelope.data.error.message });
    throw AppFailure.of('internal', `The hub answered ${response.status} to GET ${path}.`);
  }

  private async once<T extends z.ZodType>(request: HubRequest<T>): Promise<z.infer<T>> {
    const token = this.token();
    let response;
    try {
      response = await this.http.request({
        method: request.method,
        url: request.path,
        // A bodiless POST still sends JSON ({}): the hub only reads JSON bodies.
        data: request.body ?? (request.method.toString().toUpperCase() === 'GET' ? undefined : {}),
        params: request.query,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    } catch (error) {
      const detail = error instanceof AxiosError ? (error.code ?? error.message) : String(error);
      throw AppFailure.of('hub_unreachable', `${NEEDS_HUB_MESSAGE} (${detail} at ${this.baseUrl})`);
    }
    if (response.status >= 200 && response.status < 300) {
      if (response.status === 204) return request.schema.parse(undefined);
      const parsed = request.schema.safeParse(response.data);
      if (!parsed.success) throw AppFailure.of('internal', `The hub answered ${request.method} ${request.path} with something this app does not understand. Is the app up to date?`);
      return parsed.data;
    }
    const envelope = errorEnvelopeSchema.safeParse(response.data);
    if (envelope.success) throw new AppFailure({ code: envelope.data.error.code, message: envelope.data.error.message });
    if (response.status >= 500) throw AppFailure.of('internal', `The hub failed (${response.status}). Try again in a moment.`);
    throw AppFailure.of('internal', `The hub answered ${response.status} to ${request.method} ${request.path}.`);
  }
}

/** An error body: read at most 64 KiB of it. */
async function readSmall(stream: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += String(chunk);
    if (text.length > 65_536) break;
  }
  stream.destroy();
  return text;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

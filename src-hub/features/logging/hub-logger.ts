import { pino, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';
import type { HubLog } from '../../hub-context';
import { scrubText, serializeError } from './scrub';

export type HubLogger = Logger;

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type HubLogLevel = (typeof LEVELS)[number];

/** `LOG_LEVEL`: unset is `fallback`; a name pino does not know stops the start, naming the setting. */
export function logLevelOf(value: string | undefined, fallback: HubLogLevel): HubLogLevel {
  const text = value?.trim().toLowerCase() ?? '';
  if (text === '') return fallback;
  if ((LEVELS as readonly string[]).includes(text)) return text as HubLogLevel;
  throw new Error(`LOG_LEVEL: "${value}" is not a log level (one of ${LEVELS.join(', ')}).`);
}

/**
 * Fields whose values never reach a line, wherever a caller puts them (pino's redact paths: exact keys, one
 * level of `*`). The hub logs no headers or bodies at all; these catch the mistake of adding one.
 */
const SECRET_FIELDS = ['authorization', 'cookie', 'password', 'token', 'apiKey', 'api_key', 'key', 'phone', 'email', 'customer', 'body', 'headers', 'query'];
const REDACT_PATHS = [...SECRET_FIELDS, ...SECRET_FIELDS.map((field) => `*.${field}`), 'req.headers["x-intake-key"]', 'req.headers["x-relay-lease"]'];

export interface HubLoggerOptions {
  level: HubLogLevel;
  /** Where the JSON lines go: standard output unless given (tests capture them). */
  stream?: DestinationStream;
}

/**
 * The hub's one logger: JSON lines (pino, the logger fastify ships with) with ISO times; requests log their
 * id, route, status, duration and user id (request-log.ts). Messages and errors are scrubbed of e-mail
 * addresses, phone numbers and bearer tokens; named secret fields are redacted.
 */
export function createHubLogger(options: HubLoggerOptions): HubLogger {
  return pino(
    {
      level: options.level,
      base: { service: 'bpo-crm-hub' },
      timestamp: stdTimeFunctions.isoTime,
      // "level":"warn" rather than 40: read by people and by log shippers without pino's table
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: {
        err: serializeError,
        error: serializeError,
        req: (request: { method?: string; url?: string }) => ({ method: request.method, path: request.url?.split('?')[0] }),
        res: (reply: { statusCode?: number }) => ({ statusCode: reply.statusCode }),
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    options.stream ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** The features' `hub.log`, written through the hub's logger. */
export function hubLogOf(logger: HubLogger): HubLog {
  return {
    info: (message, context) => logger.info({ ...context }, message),
    error: (message, error, context) => logger.error(error === undefined ? { ...context } : { ...context, err: error }, message),
  };
}

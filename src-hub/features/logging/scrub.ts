/**
 * Last line of defence for free text that reaches the log (messages, error messages and stacks): a customer's
 * e-mail or phone number, or a bearer token, can hide in a database error ("… Key (phone)=(+63 917 …)") or in a
 * dealer's answer. Structured fields are kept out by construction (see hub-logger.ts); this covers the rest.
 */
const EMAIL = /[\w.%+-]+@[\w-]+(?:\.[\w-]+)+/g;
const BEARER = /\b(Bearer|Basic)\s+[\w~+/.=-]+/gi;
// 7 to 15 digits with the separators people type, not inside a longer word, number, date or id.
const PHONE = /(?<![\w.:/-])(?:\+|\()?\d(?:[ ().-]{0,2}\d){6,14}(?![\w:/-]|\.\d)/g;
const DATE_OR_TIME = /^\d{4}-\d{2}-\d{2}|^\d{1,2}:\d{2}/;

export function scrubText(text: string): string {
  return text
    .replace(BEARER, '$1 [redacted]')
    .replace(EMAIL, '[email]')
    .replace(PHONE, (match) => (DATE_OR_TIME.test(match) ? match : '[phone]'));
}

/** What of an error goes to the log: its kind, code, message and stack, scrubbed; never its other fields. */
export interface LoggedError {
  type: string;
  message: string;
  code?: string;
  stack?: string;
  cause?: LoggedError;
}

/**
 * The `err` serializer. Database errors carry the offending row in `detail`, `where` and `parameters`, HTTP
 * client errors carry their request (with headers): only the fields named here are written.
 */
export function serializeError(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error, message: scrubText(String(error)) };
  const code = (error as { code?: unknown }).code;
  const logged: LoggedError = { type: error.name, message: scrubText(error.message) };
  if (typeof code === 'string' || typeof code === 'number') logged.code = String(code);
  if (error.stack) logged.stack = scrubText(error.stack);
  if (error.cause !== undefined && depth < 3) logged.cause = serializeError(error.cause, depth + 1);
  return logged;
}

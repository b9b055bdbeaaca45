/**
 * Odoo's exceptions as the sandbox raises them. Over JSON-RPC only the Python class path (`data.name`) and
 * the message survive, so that is all an error carries here.
 */
export class OdooError extends Error {
  constructor(
    readonly odooName: string,
    message: string,
  ) {
    super(message);
    this.name = 'OdooError';
  }
}

export const ODOO_EXCEPTIONS = {
  accessDenied: 'odoo.exceptions.AccessDenied',
  accessError: 'odoo.exceptions.AccessError',
  validationError: 'odoo.exceptions.ValidationError',
  userError: 'odoo.exceptions.UserError',
  missingError: 'odoo.exceptions.MissingError',
  exception: 'builtins.Exception',
  typeError: 'builtins.TypeError',
  valueError: 'builtins.ValueError',
  keyError: 'builtins.KeyError',
  attributeError: 'builtins.AttributeError',
  notFound: 'werkzeug.exceptions.NotFound',
} as const;

export function accessDenied(): OdooError {
  return new OdooError(ODOO_EXCEPTIONS.accessDenied, 'Access Denied');
}

export function accessError(message: string): OdooError {
  return new OdooError(ODOO_EXCEPTIONS.accessError, message);
}

export function validationError(message: string): OdooError {
  return new OdooError(ODOO_EXCEPTIONS.validationError, message);
}

export function userError(message: string): OdooError {
  return new OdooError(ODOO_EXCEPTIONS.userError, message);
}

export function missingError(message: string): OdooError {
  return new OdooError(ODOO_EXCEPTIONS.missingError, message);
}

export function typeError(message: string): OdooError {
  return new OdooError(ODOO_EXCEPTIONS.typeError, message);
}

export function valueError(message: string): OdooError {
  return new OdooError(ODOO_EXCEPTIONS.valueError, message);
}

/** The `error.data` member of Odoo's envelope (odoo.http.serialize_exception). */
export interface OdooErrorData {
  name: string;
  debug: string;
  message: string;
  arguments: unknown[];
  context: Record<string, unknown>;
}

export function serializeOdooError(error: OdooError): OdooErrorData {
  // A plausible traceback: clients must never depend on its content, only on `name`.
  const debug =
    'Traceback (most recent call last):\n' +
    '  File "/usr/lib/python3/dist-packages/odoo/http.py", line 1963, in _serve_db\n' +
    '    return service_model.retrying(self._serve_ir_http, self.env)\n' +
    '  File "/usr/lib/python3/dist-packages/odoo/service/model.py", line 156, in retrying\n' +
    '    result = func()\n' +
    `${error.odooName}: ${error.message}\n`;
  return { name: error.odooName, debug, message: error.message, arguments: [error.message], context: {} };
}

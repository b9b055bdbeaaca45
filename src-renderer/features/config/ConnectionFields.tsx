import type { OdooCompany } from '../../../src-shared/contract/entities.schema';
import type { FieldErrors } from '../wizards/field-errors';
import { FormField } from '../wizards/FormField';
import { CompanyField } from './CompanyField';
import { EMPTY_CONNECTION, keyMustBeRetyped, type ConnectionForm } from './dealership-form';

interface ConnectionFieldsProps {
  connection: ConnectionForm | null;
  /** The stored connection as the editor opened it (null when there is none). */
  stored: ConnectionForm | null;
  /** Whether the hub holds an API key for the stored connection (the key itself never leaves the hub). */
  keyStored: boolean;
  errors: FieldErrors;
  /** The Odoo companies the last Test Connection read, to choose the dealership's from. */
  companies: readonly OdooCompany[];
  onChange: (connection: ConnectionForm | null) => void;
}

/** The dealer's Odoo: URL, database, login, and the write-only API key (empty keeps the stored one). */
export function ConnectionFields({ connection, stored, keyStored, errors, companies, onChange }: ConnectionFieldsProps) {
  if (!connection) {
    return (
      <div className="connection-none">
        <p className="muted">
          {stored
            ? 'The connection and its API key are removed when you save.'
            : 'No Odoo connection: Mark as Won cannot push Sales Orders for this dealership until one is set.'}
        </p>
        <button type="button" onClick={() => onChange(stored ?? { ...EMPTY_CONNECTION })}>
          {stored ? 'Keep the connection' : 'Add connection'}
        </button>
      </div>
    );
  }
  const set = (key: 'url' | 'database' | 'login' | 'apiKey') => (event: { target: { value: string } }) => onChange({ ...connection, [key]: event.target.value });
  const keyShown = keyStored && stored !== null;
  const retype = keyMustBeRetyped(stored, keyStored, connection);
  return (
    <div className="field-grid">
      <FormField label="URL" error={errors['connection.url']} wide>
        <input value={connection.url} onChange={set('url')} placeholder="https://dealer.example.com" autoComplete="off" spellCheck={false} />
      </FormField>
      <FormField label="Database" error={errors['connection.database']}>
        <input value={connection.database} onChange={set('database')} autoComplete="off" spellCheck={false} />
      </FormField>
      <FormField label="Login" error={errors['connection.login']}>
        <input value={connection.login} onChange={set('login')} autoComplete="off" spellCheck={false} />
      </FormField>
      <FormField label="API key" error={errors['connection.apiKey']}>
        <input type="password" value={connection.apiKey} onChange={set('apiKey')} placeholder={keyShown ? 'stored' : 'not set'} autoComplete="new-password" />
      </FormField>
      <div className="key-state">
        <span className={keyShown ? 'key-badge key-stored' : 'key-badge key-missing'}>{keyShown ? 'API key stored' : 'API key not set'}</span>
        {retype ? (
          <span className="key-retype" role="status">
            The URL now points to another server: enter the API key again. The stored key is only ever sent to the server it was entered for.
          </span>
        ) : (
          <span className="muted">{keyShown ? 'Empty keeps it; type a new key to replace it.' : 'Sign-in to the dealer needs one.'}</span>
        )}
      </div>
      <CompanyField value={connection.company} companies={companies} error={errors['connection.company'] ?? errors['connection.company.id']} onChange={(company) => onChange({ ...connection, company })} />
      <div className="field-wide">
        <button type="button" className="danger-outline" onClick={() => onChange(null)}>
          Remove connection
        </button>
      </div>
    </div>
  );
}

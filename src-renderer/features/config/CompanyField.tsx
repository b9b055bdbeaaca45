import type { OdooCompany } from '../../../src-shared/contract/entities.schema';
import { FormField } from '../wizards/FormField';

interface CompanyFieldProps {
  value: OdooCompany | null;
  /** The companies the last Test Connection read (empty before one ran). */
  companies: readonly OdooCompany[];
  error: string | undefined;
  onChange: (company: OdooCompany | null) => void;
}

/**
 * The dealer's Odoo company for Sales Orders, chosen from the companies the integration user may use (read by
 * Test Connection); the stored one stays listed even before a test has run.
 */
export function CompanyField({ value, companies, error, onChange }: CompanyFieldProps) {
  const options = value && !companies.some((company) => company.id === value.id) ? [value, ...companies] : companies;
  return (
    <>
      <FormField label="Odoo company" error={error} wide>
        <select value={value ? String(value.id) : ''} onChange={(event) => onChange(options.find((company) => String(company.id) === event.target.value) ?? null)}>
          <option value="">The integration user&apos;s default company</option>
          {options.map((company) => (
            <option key={company.id} value={String(company.id)}>
              {company.name}
            </option>
          ))}
        </select>
      </FormField>
      <p className="field-wide muted field-hint">
        {companies.length > 0
          ? 'Sales Orders are created in this company; customers and products are looked up in it or among shared ones.'
          : 'Run Test Connection to list the companies the integration user may use.'}
      </p>
    </>
  );
}

import type { FieldErrors } from '../wizards/field-errors';
import { modelRow, type ModelRow } from './dealership-form';

interface ModelRowsProps {
  models: ModelRow[];
  errors: FieldErrors;
  onChange: (models: ModelRow[]) => void;
}

/** Vehicle model → the dealer's product (`default_code`), the line Mark as Won puts on the Sales Order. */
export function ModelRows({ models, errors, onChange }: ModelRowsProps) {
  const set = (key: number, patch: Partial<ModelRow>) => onChange(models.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const listError = errors['models'];
  return (
    <div className="model-rows">
      {models.length > 0 && (
        <table className="config-table model-table">
          <thead>
            <tr>
              <th>Vehicle model</th>
              <th>Dealer product code</th>
              <th aria-label="Remove" />
            </tr>
          </thead>
          <tbody>
            {models.map((row, index) => {
              const modelError = errors[`models[${index}].vehicleModel`];
              const codeError = errors[`models[${index}].productCode`];
              return (
                <tr key={row.key}>
                  <td>
                    <input
                      aria-label={`Vehicle model, row ${index + 1}`}
                      aria-invalid={modelError ? true : undefined}
                      value={row.vehicleModel}
                      onChange={(event) => set(row.key, { vehicleModel: event.target.value })}
                      autoComplete="off"
                    />
                    {modelError && (
                      <p className="field-error" role="alert">
                        Vehicle model (row {index + 1}): {modelError}
                      </p>
                    )}
                  </td>
                  <td>
                    <input
                      className="mono"
                      aria-label={`Dealer product code, row ${index + 1}`}
                      aria-invalid={codeError ? true : undefined}
                      value={row.productCode}
                      onChange={(event) => set(row.key, { productCode: event.target.value })}
                      autoComplete="off"
                    />
                    {codeError && (
                      <p className="field-error" role="alert">
                        Dealer product code (row {index + 1}): {codeError}
                      </p>
                    )}
                  </td>
                  <td>
                    <button type="button" className="icon" aria-label={`Remove row ${index + 1} (${row.vehicleModel || 'empty'})`} onClick={() => onChange(models.filter((other) => other.key !== row.key))}>
                      ×
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {models.length === 0 && <p className="muted">No vehicle models mapped: Mark as Won looks for a product whose internal reference, then name, is the lead&apos;s vehicle model.</p>}
      {listError && (
        <p className="field-error" role="alert">
          Vehicle models: {listError}
        </p>
      )}
      <button type="button" onClick={() => onChange([...models, modelRow()])}>
        Add vehicle model
      </button>
    </div>
  );
}

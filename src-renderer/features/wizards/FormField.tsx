import { useId, type ReactElement } from 'react';
import { cloneElement } from 'react';

interface FormFieldProps {
  label: string;
  error?: string | undefined;
  /** One input, select or textarea: it gets the id, aria-invalid and aria-describedby. */
  children: ReactElement<Record<string, unknown>>;
  wide?: boolean;
}

/** A labelled field with its inline error, which names the field ("Duration: Must be 0 or more"). */
export function FormField({ label, error, children, wide = false }: FormFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const control = cloneElement(children, {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
  });
  return (
    <div className={wide ? 'field field-wide' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {control}
      {error && (
        <p className="field-error" id={errorId} role="alert">
          {error.startsWith(label) ? error : `${label}: ${error}`}
        </p>
      )}
    </div>
  );
}

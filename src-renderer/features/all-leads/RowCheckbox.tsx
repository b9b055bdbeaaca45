import type { Row } from '@tanstack/react-table';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import type { AllLeadsFeatures } from './lead-columns';

/** Selects one lead for a bulk action; Shift+click selects the range from the last one clicked. */
export function RowCheckbox({ row }: { row: Row<AllLeadsFeatures, Lead> }) {
  return (
    <input
      type="checkbox"
      aria-label={`Select ${row.original.ref}`}
      checked={row.getIsSelected()}
      onChange={row.getToggleSelectedHandler()}
      // The row opens the lead on click; ticking the box must not.
      onClick={(event) => event.stopPropagation()}
    />
  );
}

import { useEffect, useRef } from 'react';
import type { Table } from '@tanstack/react-table';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import type { AllLeadsFeatures } from './lead-columns';

/** Selects or clears every lead on this page; shows "some" when only part of the page is selected. */
export function SelectAllCheckbox({ table }: { table: Table<AllLeadsFeatures, Lead> }) {
  const ref = useRef<HTMLInputElement>(null);
  const all = table.getIsAllPageRowsSelected();
  const some = table.getIsSomePageRowsSelected();
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = some && !all;
  }, [some, all]);
  return <input ref={ref} type="checkbox" aria-label="Select all leads on this page" checked={all} onChange={table.getToggleAllPageRowsSelectedHandler()} />;
}

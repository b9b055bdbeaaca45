import { useEffect, useState } from 'react';
import { FIELD_MAX } from '../../../src-shared/contract/fields.schema';
import { useDebouncedValue } from './use-debounced-value';

export const SEARCH_DEBOUNCE_MS = 250;

/** Free text on reference, customer, phone and e-mail. The box answers every key; the hub is asked after a pause. */
export function SearchBox({ value, onSearch }: { value: string; onSearch(search: string): void }) {
  const [text, setText] = useState(value);
  const settled = useDebouncedValue(text, SEARCH_DEBOUNCE_MS);
  useEffect(() => {
    if (settled !== value) onSearch(settled);
    // Only a settled change is sent; `value` changing from outside (Clear filters) is handled below.
  }, [settled]);
  useEffect(() => {
    if (value !== settled) setText(value);
  }, [value]);
  return (
    <input
      type="search"
      className="board-search"
      value={text}
      maxLength={FIELD_MAX.search}
      onChange={(event) => setText(event.target.value)}
      placeholder="Search ref, name, phone, email"
      aria-label="Search leads"
    />
  );
}

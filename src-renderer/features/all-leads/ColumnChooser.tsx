import { useEffect, useRef } from 'react';
import type { ColumnVisibilityState } from '@tanstack/react-table';
import { COLUMN_LABELS } from './lead-columns';

interface ColumnChooserProps {
  visibility: ColumnVisibilityState;
  onToggle(columnId: string, visible: boolean): void;
  onReset(): void;
}

/** Which columns to show; remembered per user with the widths (dragged on the column heads). */
export function ColumnChooser({ visibility, onToggle, onReset }: ColumnChooserProps) {
  const shown = COLUMN_LABELS.filter((column) => visibility[column.id] !== false);
  const ref = useRef<HTMLDetailsElement>(null);
  // A menu closes on a click elsewhere or Esc; <details> alone stays open.
  useEffect(() => {
    const close = (event: Event) => {
      const details = ref.current;
      if (!details?.open) return;
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !details.contains(event.target as Node)) details.open = false;
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);
  return (
    <details className="column-chooser" ref={ref}>
      <summary>Columns</summary>
      <div className="column-menu" role="group" aria-label="Columns shown">
        {COLUMN_LABELS.map((column) => {
          const visible = visibility[column.id] !== false;
          return (
            <label key={column.id} className="check">
              <input
                type="checkbox"
                checked={visible}
                // The last column shown stays: an empty table helps nobody.
                disabled={visible && shown.length === 1}
                onChange={(event) => onToggle(column.id, event.target.checked)}
              />
              {column.label}
            </label>
          );
        })}
        <button type="button" className="link" onClick={onReset}>
          Reset columns and widths
        </button>
      </div>
    </details>
  );
}

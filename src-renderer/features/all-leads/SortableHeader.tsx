import { FlexRender, type Header } from '@tanstack/react-table';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import type { AllLeadsFeatures } from './lead-columns';

const ARROW = { asc: ' ↑', desc: ' ↓' } as const;

/** A column head: a sort button where the hub can order by the column, and a drag handle for the width. */
export function SortableHeader({ header }: { header: Header<AllLeadsFeatures, Lead, unknown> }) {
  const { column } = header;
  const sorted = column.getIsSorted();
  const resize = header.getResizeHandler();
  return (
    <th style={{ width: header.getSize() }} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined} className={column.id === 'select' ? 'cell-select' : undefined}>
      {header.isPlaceholder ? null : column.getCanSort() ? (
        <button type="button" className="th-sort" onClick={column.getToggleSortingHandler()} title="Sort by this column">
          <FlexRender header={header} />
          {sorted ? ARROW[sorted] : ''}
        </button>
      ) : (
        <span className="th-label">
          <FlexRender header={header} />
        </span>
      )}
      {column.getCanResize() && (
        <span
          className={column.getIsResizing() ? 'th-resize is-resizing' : 'th-resize'}
          onMouseDown={resize}
          onTouchStart={resize}
          onDoubleClick={() => column.resetSize()}
          onClick={(event) => event.stopPropagation()}
          role="separator"
          aria-orientation="vertical"
          aria-label={`Resize ${typeof column.columnDef.header === 'string' ? column.columnDef.header : column.id}`}
        />
      )}
    </th>
  );
}

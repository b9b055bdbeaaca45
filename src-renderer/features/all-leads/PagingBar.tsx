interface PagingBarProps {
  pageIndex: number;
  pageSize: number;
  rows: number;
  hasNext: boolean;
  onNext(): void;
  onPrevious(): void;
  /** Where the bar is (names the navigation for screen readers). */
  label: string;
}

/** Previous / Next over the hub's keyset pages; the hub gives no total, so the bar says which rows these are. */
export function PagingBar({ pageIndex, pageSize, rows, hasNext, onNext, onPrevious, label }: PagingBarProps) {
  const first = pageIndex * pageSize + 1;
  return (
    <nav className="paging-bar" aria-label={label}>
      <span className="muted">{rows > 0 ? `Rows ${first.toLocaleString()}–${(first + rows - 1).toLocaleString()}` : pageIndex > 0 ? 'No more rows' : ''}</span>
      <button type="button" onClick={onPrevious} disabled={pageIndex === 0}>
        ← Previous
      </button>
      <span className="paging-page">Page {pageIndex + 1}</span>
      <button type="button" onClick={onNext} disabled={!hasNext}>
        Next →
      </button>
    </nav>
  );
}

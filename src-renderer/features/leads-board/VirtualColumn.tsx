import { useCallback, useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

interface VirtualColumnProps<T> {
  title: string;
  items: readonly T[];
  /** Rows in the column when `items` holds only the first of them (the rest are still being read). */
  count?: number;
  itemKey: (item: T) => string;
  renderItem: (item: T) => ReactNode;
  /** Cards have a fixed height (text truncates), so no measuring is needed while scrolling. */
  itemHeight: number;
  /** Right of the title: the count, a fold button… */
  aside?: ReactNode;
  className?: string;
  /** The drop target's ref when the column takes dropped cards. */
  dropRef?: (element: HTMLElement | null) => void;
  empty?: string;
}

const GAP = 6;

/** A kanban column that renders only the cards in view: 10,000 cards cost what a screenful costs. */
export function VirtualColumn<T>({ title, items, count = items.length, itemKey, renderItem, itemHeight, aside, className = '', dropRef, empty = 'Nothing here' }: VirtualColumnProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // Stable between scroll renders: a new key function makes the virtualizer lay out every item again.
  const getItemKey = useCallback(
    (index: number) => {
      const item = items[index];
      return item === undefined ? index : itemKey(item);
    },
    [items, itemKey],
  );
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => itemHeight + GAP,
    getItemKey,
    overscan: 4,
  });
  return (
    <section className={`board-column ${className}`} aria-label={title} ref={dropRef}>
      <header className="board-column-head">
        <h3 title={title}>{title}</h3>
        <span className="board-count">{count.toLocaleString()}</span>
        {aside}
      </header>
      <div className="board-column-scroll" ref={scrollRef}>
        {count === 0 ? (
          <p className="board-empty">{empty}</p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((row) => {
              const item = items[row.index];
              // not read yet: the slot stays empty for the moment it takes
              if (item === undefined) return null;
              return (
                <div key={row.key} className="board-slot" style={{ transform: `translateY(${row.start}px)`, height: itemHeight }}>
                  {renderItem(item)}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}

import type { ReactNode } from 'react';

/** The strip above a board: its title and count on the left, its controls on the right. */
export function BoardToolbar({ title, count, children }: { title: string; count: number; children?: ReactNode }) {
  return (
    <div className="board-toolbar">
      <h2>
        {title} <span className="count">{count.toLocaleString()}</span>
      </h2>
      <span className="spacer" />
      {children}
    </div>
  );
}

import type { ReactNode } from 'react';
import { NewLeadButton } from '../new-lead/NewLeadButton';

/** The strip above a board: its title and count on the left, its controls and New Lead on the right. */
export function BoardToolbar({ title, count, children }: { title: string; count: number; children?: ReactNode }) {
  return (
    <div className="board-toolbar">
      <h2>
        {title} <span className="count">{count.toLocaleString()}</span>
      </h2>
      <span className="spacer" />
      {children}
      <NewLeadButton />
    </div>
  );
}

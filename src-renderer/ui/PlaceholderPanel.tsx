import type { ReactNode } from 'react';

/** A screen that is not built yet: says what will be there, calmly. */
export function PlaceholderPanel({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <section className="placeholder-panel" aria-label={title}>
      <h2>{title}</h2>
      {children && <div className="placeholder-body">{children}</div>}
    </section>
  );
}

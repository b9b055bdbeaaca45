import type { ReactNode } from 'react';

interface TableMessageProps {
  children: ReactNode;
  tone?: 'info' | 'error';
  action?: { label: string; onClick(): void } | undefined;
}

/** What stands in for the rows: loading, nothing found, or why the hub could not answer (with a way on). */
export function TableMessage({ children, tone = 'info', action }: TableMessageProps) {
  return (
    <div className={tone === 'error' ? 'table-message table-message-error' : 'table-message'} role={tone === 'error' ? 'alert' : 'status'}>
      <p>{children}</p>
      {action && (
        <button type="button" onClick={action.onClick}>
          {action.label}
        </button>
      )}
    </div>
  );
}

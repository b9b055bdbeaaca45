import { ACTIVITY_TYPE_LABELS, VISIT_KIND_LABELS, type ActivityType, type VisitKind } from '../../../src-shared/domain/activity-kinds';
import { CALL_RESULT_LABELS, type CallResult } from '../../../src-shared/domain/call-results';
import type { OutboxItem } from '../../db/replica-db';
import { formatWhen } from '../wizards/local-time';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** What an outbox item will become, in words. */
function describe(item: OutboxItem): { kind: string; body: string } {
  const body = item.body;
  if (item.kind === 'note') return { kind: 'Note', body: text(body.body) };
  if (item.kind === 'call') {
    const result = CALL_RESULT_LABELS[body.result as CallResult] ?? text(body.result);
    const summary = text(body.summary);
    return { kind: 'Call', body: `${result} · ${String(body.durationMin)} min${summary ? ` — ${summary}` : ''}` };
  }
  const type = ACTIVITY_TYPE_LABELS[body.type as ActivityType] ?? text(body.type);
  const where = body.visitKind ? ` (${VISIT_KIND_LABELS[body.visitKind as VisitKind]})` : '';
  return { kind: 'Activity', body: `${type}${where} planned for ${formatWhen(text(body.dueAt))}: ${text(body.summary)}` };
}

/** A note, call or activity recorded here and not yet accepted by the hub: pending, or failed with the hub's reason. */
export function PendingEntry({ item }: { item: OutboxItem }) {
  const { kind, body } = describe(item);
  const failed = item.status === 'failed';
  return (
    <li className={`chatter-entry chatter-outbox${failed ? ' chatter-failed' : ''}`}>
      <div className="chatter-meta">
        <span className="chatter-author">You</span>
        <span className="chatter-kind">{kind}</span>
        <span className={failed ? 'pill pill-red' : 'pill pill-pending'}>{failed ? 'failed' : 'pending'}</span>
        <time dateTime={item.createdAt}>{formatWhen(item.createdAt)}</time>
      </div>
      <p className="chatter-body">{body}</p>
      {failed && item.lastError && <p className="chatter-error">Not accepted by the hub: {item.lastError}</p>}
    </li>
  );
}

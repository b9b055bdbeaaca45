import type { Message } from '../../../src-shared/contract/entities.schema';
import { formatWhen } from '../wizards/local-time';

const KIND_LABELS: Record<Message['kind'], string> = {
  note: 'Note',
  call: 'Call',
  tracking: 'Change',
  system: 'System',
  error: 'Error',
  duplicate: 'Duplicate contact',
};

/** One chatter message: tracking entries as old → new per field; errors and duplicates stand out. */
export function ChatterEntry({ message, author }: { message: Message; author: string | null }) {
  return (
    <li className={`chatter-entry chatter-${message.kind}`}>
      <div className="chatter-meta">
        <span className="chatter-author">{author ?? 'System'}</span>
        <span className={`chatter-kind kind-${message.kind}`}>{KIND_LABELS[message.kind]}</span>
        <time dateTime={message.createdAt}>{formatWhen(message.createdAt)}</time>
      </div>
      {/* A tracking entry's body repeats its changes in words: show the structured old → new instead. */}
      {message.body && !(message.kind === 'tracking' && message.tracking?.length) && <p className="chatter-body">{message.body}</p>}
      {message.tracking && message.tracking.length > 0 && (
        <ul className="tracking">
          {message.tracking.map((change, index) => (
            <li key={`${change.field}-${index}`}>
              <span className="tracking-field">{change.field}:</span> <span className="tracking-from">{change.from ?? 'None'}</span>
              <span className="tracking-arrow" aria-label="changed to">
                {' → '}
              </span>
              <strong>{change.to ?? 'None'}</strong>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

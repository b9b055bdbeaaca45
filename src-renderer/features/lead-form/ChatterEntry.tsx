import type { Message } from '../../../src-shared/contract/entities.schema';
import { formatWhen } from '../wizards/local-time';
import { splitHubTimes } from './chatter-times';

const KIND_LABELS: Record<Message['kind'], string> = {
  note: 'Note',
  call: 'Call',
  tracking: 'Change',
  system: 'System',
  error: 'Error',
  duplicate: 'Duplicate contact',
};

/** What the hub words itself; people's own text (notes, call summaries, contacts) is shown exactly as written. */
const HUB_WORDED: ReadonlySet<Message['kind']> = new Set(['system', 'tracking', 'error']);

/** A body with the moments the hub wrote in UTC shown in the user's time zone (the UTC text on hover). */
function Body({ message }: { message: Message }) {
  if (!HUB_WORDED.has(message.kind)) return <p className="chatter-body">{message.body}</p>;
  return (
    <p className="chatter-body">
      {splitHubTimes(message.body).map((part, index) =>
        'time' in part ? (
          <time key={index} dateTime={part.time} title={part.written}>
            {formatWhen(part.time)}
          </time>
        ) : (
          part.text
        ),
      )}
    </p>
  );
}

/**
 * One chatter message: tracking entries as old → new per field; errors and duplicates stand out, except an
 * error a later success made moot (`supersededBy`: what succeeded), which says so and steps back.
 */
export function ChatterEntry({ message, author, supersededBy = null }: { message: Message; author: string | null; supersededBy?: string | null }) {
  return (
    <li className={`chatter-entry chatter-${message.kind}${supersededBy ? ' chatter-superseded' : ''}`}>
      {supersededBy && <p className="chatter-superseded-note">Resolved since: {supersededBy}</p>}
      <div className="chatter-meta">
        <span className="chatter-author">{author ?? 'System'}</span>
        <span className={`chatter-kind kind-${message.kind}`}>{KIND_LABELS[message.kind]}</span>
        <time dateTime={message.createdAt}>{formatWhen(message.createdAt)}</time>
      </div>
      {/* A tracking entry's body repeats its changes in words: show the structured old → new instead. */}
      {message.body && !(message.kind === 'tracking' && message.tracking?.length) && <Body message={message} />}
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

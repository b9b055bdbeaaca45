import type { ReactNode } from 'react';
import type { Message, User } from '../../../src-shared/contract/entities.schema';
import { isSupersededWonFailure } from '../../../src-shared/domain/won-chatter';
import type { OutboxItem } from '../../db/replica-db';
import { ChatterEntry } from './ChatterEntry';
import { NoteComposer } from './NoteComposer';
import { PendingEntry } from './PendingEntry';

interface ChatterProps {
  leadId: string;
  /** Oldest first, as the hub keeps them; shown newest first. */
  messages: Message[];
  pending: OutboxItem[];
  users: User[];
  canPost: boolean;
  /** The lead's Sales Order, when Won: earlier Won failures then say they were resolved. */
  dealerSoName: string | null;
  /** Said above the list when the history is not (all) local: see HistoryNotice. */
  notice?: ReactNode;
  /** False while the history is loading or missing: an empty list then says nothing. */
  historyShown?: boolean;
}

/**
 * The lead's history as Odoo shows it: the composer on top, then what is still on its way to the hub, then
 * the messages newest first — so a retry's success is what the user sees, not the failure before it.
 */
export function Chatter({ leadId, messages, pending, users, canPost, dealerSoName, notice, historyShown = true }: ChatterProps) {
  const names = new Map(users.map((user) => [user.id, user.name]));
  const newestFirst = [...messages].reverse();
  const resolved = dealerSoName ? `a later Mark as Won created Sales Order ${dealerSoName}.` : null;

  return (
    <section className="chatter" aria-label="Chatter">
      <h3>
        Chatter <span className="count">{messages.length}</span>
      </h3>
      {canPost && <NoteComposer leadId={leadId} />}
      {notice}
      <ol className="chatter-list">
        {historyShown && messages.length === 0 && pending.length === 0 && <li className="muted empty">Nothing here yet.</li>}
        {[...pending].reverse().map((item) => (
          <PendingEntry key={item.clientId} item={item} />
        ))}
        {newestFirst.map((message) => (
          <ChatterEntry
            key={message.id}
            message={message}
            author={message.authorId ? (names.get(message.authorId) ?? '…') : null}
            supersededBy={isSupersededWonFailure(message, dealerSoName) ? resolved : null}
          />
        ))}
      </ol>
    </section>
  );
}

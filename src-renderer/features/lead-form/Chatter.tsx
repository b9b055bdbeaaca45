import { useEffect, useRef } from 'react';
import type { Message, User } from '../../../src-shared/contract/entities.schema';
import type { OutboxItem } from '../../db/replica-db';
import { ChatterEntry } from './ChatterEntry';
import { NoteComposer } from './NoteComposer';
import { PendingEntry } from './PendingEntry';

interface ChatterProps {
  leadId: string;
  messages: Message[];
  pending: OutboxItem[];
  users: User[];
  canPost: boolean;
}

/** The lead's history, oldest first, then what is still on its way to the hub; the composer below. */
export function Chatter({ leadId, messages, pending, users, canPost }: ChatterProps) {
  const names = new Map(users.map((user) => [user.id, user.name]));
  const end = useRef<HTMLDivElement>(null);
  const count = messages.length + pending.length;

  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'nearest' });
  }, [count]);

  return (
    <section className="chatter" aria-label="Chatter">
      <h3>
        Chatter <span className="count">{messages.length}</span>
      </h3>
      <ol className="chatter-list">
        {messages.length === 0 && pending.length === 0 && <li className="muted empty">Nothing here yet.</li>}
        {messages.map((message) => (
          <ChatterEntry key={message.id} message={message} author={message.authorId ? (names.get(message.authorId) ?? '…') : null} />
        ))}
        {pending.map((item) => (
          <PendingEntry key={item.clientId} item={item} />
        ))}
      </ol>
      <div ref={end} />
      {canPost && <NoteComposer leadId={leadId} />}
    </section>
  );
}

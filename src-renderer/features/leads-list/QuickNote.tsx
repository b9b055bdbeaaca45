import { useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import { useReplica } from '../../app/ReplicaProvider';
import { enqueue } from '../../db/outbox';

/** A note on a lead, recorded at once (pending) and sent by the outbox — online or not. */
export function QuickNote({ leads }: { leads: Lead[] }) {
  const { db, outbox } = useReplica();
  const [leadId, setLeadId] = useState('');
  const [body, setBody] = useState('');
  const pending = useLiveQuery(() => db.outbox.toArray(), [db], []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!leadId || !body.trim()) return;
    await enqueue(db, 'note', leadId, { body: body.trim() });
    setBody('');
    outbox.kick();
  }

  return (
    <form className="quick-note" onSubmit={submit} aria-label="Add a note">
      <select value={leadId} onChange={(event) => setLeadId(event.target.value)} aria-label="Lead">
        <option value="">Lead…</option>
        {leads.map((lead) => (
          <option key={lead.id} value={lead.id}>
            {lead.ref} · {lead.customer.name}
          </option>
        ))}
      </select>
      <input value={body} onChange={(event) => setBody(event.target.value)} placeholder="Note" aria-label="Note" />
      <button type="submit">Add note</button>
      {pending.length > 0 && (
        <span className="pending" role="status">
          {pending.filter((item) => item.status === 'pending').length} pending
          {pending.some((item) => item.status === 'failed') && ` · ${pending.filter((item) => item.status === 'failed').length} failed: ${pending.find((item) => item.status === 'failed')?.lastError}`}
        </span>
      )}
    </form>
  );
}

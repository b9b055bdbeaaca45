import { useState, type FormEvent } from 'react';
import { createNoteBodySchema } from '../../../src-shared/contract/lead-work.schema';
import { useReplica } from '../../app/ReplicaProvider';
import { enqueue } from '../../db/outbox';
import { fieldErrors } from '../wizards/field-errors';

/** A note on the lead: recorded at once (pending) and sent by the outbox, online or not. */
export function NoteComposer({ leadId }: { leadId: string }) {
  const { db, outbox } = useReplica();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = createNoteBodySchema.safeParse({ body });
    if (!parsed.success) {
      setError(`Note: ${fieldErrors(parsed.error).body ?? 'Invalid'}`);
      return;
    }
    setError(null);
    await enqueue(db, 'note', leadId, parsed.data);
    setBody('');
    outbox.kick();
  }

  return (
    <form className="note-composer" onSubmit={(event) => void submit(event)} aria-label="Log a note">
      <textarea
        rows={2}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) event.currentTarget.form?.requestSubmit();
        }}
        placeholder="Log a note… (Ctrl+Enter)"
        aria-label="Note"
      />
      <button type="submit" disabled={!body.trim()}>
        Log note
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

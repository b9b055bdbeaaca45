import { useState } from 'react';
import { NewLeadDialog } from './NewLeadDialog';

/** The board toolbar's "New Lead" button and its dialog (every role may create a lead). */
export function NewLeadButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="primary" onClick={() => setOpen(true)}>
        New Lead
      </button>
      {open && <NewLeadDialog onClose={() => setOpen(false)} />}
    </>
  );
}

import { describe, expect, it } from 'vitest';
import { useState } from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Dialog } from './Dialog';

function Opener() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open it
      </button>
      <button type="button">After</button>
      {open && (
        <Dialog
          label="Test dialog"
          onClose={() => setOpen(false)}
          footer={
            <>
              <button type="button" onClick={() => setOpen(false)}>
                Cancel
              </button>
              <button type="submit">Save</button>
            </>
          }
        >
          <input aria-label="Name" />
        </Dialog>
      )}
    </>
  );
}

const focusedName = () => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '';

describe('Dialog and the keyboard focus', () => {
  it('takes the focus, keeps it on Tab and Shift+Tab, and gives it back to its opener on close', async () => {
    const user = userEvent.setup();
    render(<Opener />);
    await user.click(screen.getByRole('button', { name: 'Open it' }));
    expect(focusedName()).toBe('Name');
    const seen: string[] = [];
    for (let press = 0; press < 5; press++) {
      await user.tab();
      seen.push(focusedName());
    }
    // Round and round inside: the title's ×, the field, Cancel, Save — never the buttons behind it.
    expect(seen).toEqual(['Cancel', 'Save', 'Close', 'Name', 'Cancel']);
    await user.tab({ shift: true });
    await user.tab({ shift: true });
    expect(focusedName()).toBe('Close');
    await user.tab({ shift: true });
    expect(focusedName()).toBe('Save');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(focusedName()).toBe('Open it'));
  });
});

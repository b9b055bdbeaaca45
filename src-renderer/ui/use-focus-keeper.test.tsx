import { describe, expect, it } from 'vitest';
import { useCallback, useRef, useState } from 'react';
import { act, render, screen, waitFor } from '@testing-library/react';
import { FOCUS_ANCHOR } from './focus';
import { useFocusKeeper } from './use-focus-keeper';

function Page() {
  const main = useRef<HTMLElement>(null);
  const [claimed, setClaimed] = useState(false);
  const [closed, setClosed] = useState(false);
  useFocusKeeper(useCallback(() => main.current, []));
  return (
    <main ref={main} tabIndex={-1} aria-label="View">
      {!closed && (
        <article aria-label="Lead" tabIndex={-1} {...{ [FOCUS_ANCHOR]: '' }}>
          {!claimed && (
            <button type="button" onClick={() => setClaimed(true)}>
              Claim Lead
            </button>
          )}
          <button type="button" onClick={() => setClosed(true)}>
            Back
          </button>
        </article>
      )}
    </main>
  );
}

describe('useFocusKeeper', () => {
  it('sends the focus to the nearest marked region when the focused control goes, else to the fallback', async () => {
    render(<Page />);
    const claim = screen.getByRole('button', { name: 'Claim Lead' });
    claim.focus();
    act(() => claim.click());
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Lead'));
    const back = screen.getByRole('button', { name: 'Back' });
    back.focus();
    act(() => back.click());
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('View'));
  });
});

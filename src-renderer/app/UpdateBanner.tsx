import { useEffect, useState } from 'react';
import type { UpdateState } from '../../src-shared/contract/ipc.contract';
import { call, crm } from '../bridge/crm';
import { useCallTimerStore } from '../features/wizards/call-timer.store';
import { useOpenDialogs } from '../features/wizards/open-dialogs.store';
import { errorText } from '../ui/error-text';

/** What an update must not cut off in this window, in words; null when a restart is fine now. */
function busyReason(callRunning: boolean, wizardOpen: boolean): string | null {
  if (callRunning) return 'after your call (a call timer is running)';
  if (wizardOpen) return 'once the open wizard is finished or closed';
  return null;
}

/**
 * An update from the floor's hub: "Downloading…" while it comes in the background, then "Restart to update" —
 * offered only with no call timer running and no wizard open (main also refuses during a Won push). Nothing
 * restarts by itself; a version not restarted into installs when the app quits.
 */
export function UpdateBanner() {
  const [state, setState] = useState<UpdateState>({ status: 'none' });
  const [problem, setProblem] = useState<string | null>(null);
  const callRunning = useCallTimerStore((store) => Object.keys(store.startedAt).length > 0);
  const wizardOpen = useOpenDialogs((store) => store.open > 0);

  useEffect(() => {
    let live = true;
    void call(crm().updateState())
      .then((current) => live && setState(current))
      .catch(() => undefined);
    const stop = crm().onUpdateChanged((next) => setState(next));
    return () => {
      live = false;
      stop();
    };
  }, []);

  if (state.status === 'none') return null;
  if (state.status === 'downloading') {
    return (
      <div className="notice-banner" role="status" aria-label="Update">
        Downloading BPO CRM {state.version} in the background… {state.percent}%
      </div>
    );
  }
  const wait = busyReason(callRunning, wizardOpen);
  return (
    <div className="notice-banner update-ready" role="status" aria-label="Update">
      BPO CRM {state.version} is ready. {wait ? `Restart to update ${wait}.` : 'It installs when you restart (or the next time you quit).'}{' '}
      <button
        type="button"
        disabled={wait !== null}
        onClick={() => {
          setProblem(null);
          call(crm().restartToUpdate()).catch((error: unknown) => setProblem(errorText(error)));
        }}
      >
        Restart to update
      </button>
      {problem && (
        <span className="form-error" role="alert">
          {' '}
          {problem}
        </span>
      )}
    </div>
  );
}

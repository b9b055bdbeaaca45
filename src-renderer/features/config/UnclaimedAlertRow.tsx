import { useId, useState, type FormEvent } from 'react';
import { UNCLAIMED_ALERT_MINUTES, setUnclaimedAlertBodySchema, type UnclaimedAlert } from '../../../src-shared/contract/config.schema';
import { formatDuration } from '../leads-board/lead-age';

interface UnclaimedAlertRowProps {
  brand: string;
  alert: UnclaimedAlert | null;
  /** Sends the change; resolves to an error message, or null once the hub has it. */
  onSave: (brand: string, afterMinutes: number | null) => Promise<string | null>;
}

/** One brand: its alert in words (off, or after how long), the minutes to change it, Save and Turn off. */
export function UnclaimedAlertRow({ brand, alert, onSave }: UnclaimedAlertRowProps) {
  const [minutes, setMinutes] = useState(alert ? String(alert.afterMinutes) : '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = `${inputId}-error`;

  const save = async (afterMinutes: number | null) => {
    setBusy(true);
    const failure = await onSave(brand, afterMinutes);
    setBusy(false);
    setError(failure);
    if (!failure && afterMinutes === null) setMinutes('');
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // The hub decides; the same schema here says what is wrong before the round trip.
    if (minutes.trim() === '') return setError(`Minutes: enter a whole number from ${UNCLAIMED_ALERT_MINUTES.min} to ${UNCLAIMED_ALERT_MINUTES.max}, or Turn off`);
    const parsed = setUnclaimedAlertBodySchema.safeParse({ brand, afterMinutes: Number(minutes) });
    if (!parsed.success) return setError(`Minutes: ${parsed.error.issues[0]?.message ?? 'not valid'}`);
    void save(parsed.data.afterMinutes);
  };

  return (
    <tr>
      <th scope="row">{brand}</th>
      <td>
        {alert ? <span className="status-badge status-retrying">After {formatDuration(alert.afterMinutes * 60_000)}</span> : <span className="status-badge status-queued">Off</span>}
      </td>
      <td>
        {/* noValidate: our message in words (role="alert"), not the browser's bubble that a screen reader may miss. */}
        <form className="alert-form" onSubmit={onSubmit} aria-label={`Alert for ${brand}`} noValidate>
          <label className="inline-field" htmlFor={inputId}>
            Minutes
          </label>
          <input
            id={inputId}
            type="number"
            inputMode="numeric"
            min={UNCLAIMED_ALERT_MINUTES.min}
            max={UNCLAIMED_ALERT_MINUTES.max}
            step={1}
            className="alert-minutes"
            value={minutes}
            onChange={(event) => setMinutes(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          />
          <button type="submit" disabled={busy} aria-label={`Save alert for ${brand}`}>
            Save
          </button>
          {alert && (
            <button type="button" disabled={busy} onClick={() => void save(null)} aria-label={`Turn off alert for ${brand}`}>
              Turn off
            </button>
          )}
        </form>
        {error && (
          <p className="config-error alert-error" id={errorId} role="alert">
            {error}
          </p>
        )}
      </td>
    </tr>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import { WORKSTATION_LIMITS, type WorkstationSettings } from '../../../src-shared/contract/settings.schema';
import { call, crm } from '../../bridge/crm';
import { errorText } from '../../ui/error-text';

/** Shared workstations (hot-desking): how long a sign-in lasts and when an idle app locks. The hub checks both. */
export function WorkstationsPanel() {
  const [saved, setSaved] = useState<WorkstationSettings | null>(null);
  const [sessionHours, setSessionHours] = useState('');
  const [idleLockMinutes, setIdleLockMinutes] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const show = (settings: WorkstationSettings) => {
    setSaved(settings);
    setSessionHours(String(settings.sessionHours));
    setIdleLockMinutes(String(settings.idleLockMinutes));
  };

  useEffect(() => {
    call(crm().workstationSettings()).then(show, (error: unknown) => setMessage({ ok: false, text: errorText(error) }));
  }, []);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      // Sent as typed: the hub answers a 400 naming the field for anything out of range.
      show(await call(crm().updateWorkstationSettings({ sessionHours: Number(sessionHours), idleLockMinutes: Number(idleLockMinutes) })));
      setMessage({ ok: true, text: 'Saved. The idle lock applies on each workstation at its next sign-in; the session length to sign-ins from now on.' });
    } catch (error) {
      setMessage({ ok: false, text: errorText(error) });
    } finally {
      setBusy(false);
    }
  }

  const { sessionHours: hours, idleLockMinutes: minutes } = WORKSTATION_LIMITS;
  return (
    <section className="config-section" aria-label="Workstations">
      <p className="config-intro">
        Floors share computers. A sign-in lasts a shift, counted from sign-in and never extended; after it the next person signs in. An app left without mouse or keyboard locks itself
        (never during a call timer or while a Sales Order is being created), as it does at once when the computer locks, sleeps or switches user.
      </p>
      <form className="workstation-form" onSubmit={save} aria-label="Workstation settings">
        <label className="inline-field">
          Session length (hours, {hours.min}–{hours.max})
          <input type="number" min={hours.min} max={hours.max} step={1} value={sessionHours} onChange={(event) => setSessionHours(event.target.value)} required />
        </label>
        <label className="inline-field">
          Lock after idle (minutes, {minutes.min}–{minutes.max})
          <input type="number" min={minutes.min} max={minutes.max} step={1} value={idleLockMinutes} onChange={(event) => setIdleLockMinutes(event.target.value)} required />
        </label>
        <button type="submit" className="primary" disabled={busy || !saved}>
          {busy ? 'Saving…' : 'Save'}
        </button>
      </form>
      {message && (
        <p className={message.ok ? 'muted' : 'form-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  );
}

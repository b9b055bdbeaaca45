import { useState } from 'react';
import type { OdooCompany } from '../../../src-shared/contract/entities.schema';
import type { ConnectionCheck } from '../../../src-shared/contract/ipc.contract';
import { call, crm } from '../../bridge/crm';
import { errorText } from '../../ui/error-text';

interface TestConnectionProps {
  dealershipId: string;
  /** Why it cannot run now (no stored connection, unsaved changes), or null. */
  blockedBy: string | null;
  /** The Odoo companies the integration user may use, read by each run. */
  onCompanies: (companies: OdooCompany[]) => void;
}

function summary(checks: readonly ConnectionCheck[]): string {
  const failed = checks.filter((check) => !check.ok).length;
  if (failed === 0) return `All ${checks.length} checks passed: Mark as Won can push Sales Orders to this dealership.`;
  return `${failed} of ${checks.length} checks failed: Mark as Won will fail until they pass.`;
}

/** Runs the Won flow's own client against the stored connection, through the hub's relay; each check with its result. */
export function TestConnection({ dealershipId, blockedBy, onCompanies }: TestConnectionProps) {
  const [checks, setChecks] = useState<ConnectionCheck[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run() {
    setBusy(true);
    setFailure(null);
    setChecks(null);
    try {
      const result = await call(crm().testConnection({ dealershipId }));
      setChecks(result.checks);
      onCompanies(result.companies);
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  const allOk = checks !== null && checks.every((check) => check.ok);
  return (
    <div className="test-connection">
      <div className="test-connection-bar">
        <button type="button" onClick={() => void run()} disabled={busy || blockedBy !== null}>
          {busy ? 'Testing…' : 'Test Connection'}
        </button>
        {blockedBy && <span className="muted">{blockedBy}</span>}
      </div>
      {failure && (
        <p className="config-error" role="alert">
          {failure}
        </p>
      )}
      {checks && (
        <>
          <p className={allOk ? 'checks-summary ok' : 'checks-summary failed'} role="status">
            {summary(checks)}
          </p>
          <ul className="checks" aria-label="Test Connection results">
            {checks.map((check) => (
              <li key={check.id} className={check.ok ? 'check-ok' : 'check-failed'} data-check-id={check.id}>
                <span className="check-mark" aria-hidden="true">
                  {check.ok ? '✓' : '✕'}
                </span>
                <span className="check-label">{check.label}</span>
                <span className={check.ok ? 'status-badge status-sent' : 'status-badge status-failed'}>{check.ok ? 'OK' : 'Failed'}</span>
                <span className="check-message">{check.message}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

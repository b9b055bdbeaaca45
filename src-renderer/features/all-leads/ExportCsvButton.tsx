import { useState } from 'react';
import { useUiStore } from '../../app/ui-store';
import { call, crm } from '../../bridge/crm';
import type { LeadsFilterQuery } from './all-leads-query';
import { errorText } from '../../ui/error-text';

/** CSV of every lead the current filters match (not only this page), written by main where the user chooses. */
export function ExportCsvButton({ query }: { query: LeadsFilterQuery | null }) {
  const toast = useUiStore((state) => state.toast);
  const [busy, setBusy] = useState(false);

  async function exportCsv() {
    if (!query) return;
    setBusy(true);
    try {
      const { path, rows } = await call(crm().exportLeadsCsv(query));
      // No path: the user cancelled the save dialog; nothing to say.
      if (path) toast('success', `Exported ${rows.toLocaleString()} ${rows === 1 ? 'lead' : 'leads'} to ${path}`);
    } catch (error) {
      toast('error', `CSV export failed: ${errorText(error)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <button type="button" onClick={() => void exportCsv()} disabled={busy || !query} title="Export every lead matching the filters as CSV">
      {busy ? 'Exporting…' : 'Export CSV'}
    </button>
  );
}

import type { OpenAgeReport } from '../../../src-shared/contract/reports.schema';
import { useUiStore } from '../../app/ui-store';
import { formatAge } from '../leads-board/lead-age';
import { formatWhen } from '../wizards/local-time';
import { ageTone } from './report-colors';

/** The oldest unclaimed leads, oldest first; a row opens its lead (the ref is the keyboard's way in). */
export function OldestLeadsTable({ openAge }: { openAge: OpenAgeReport }) {
  const openLead = useUiStore((state) => state.openLead);
  const asOf = new Date(openAge.asOf);
  return (
    <table className="report-table oldest-leads" aria-label="Oldest unclaimed leads">
      <thead>
        <tr>
          <th scope="col">Lead</th>
          <th scope="col">Customer</th>
          <th scope="col">Brand</th>
          <th scope="col">Source</th>
          <th scope="col">Created</th>
          <th scope="col" className="num">Waiting</th>
        </tr>
      </thead>
      <tbody>
        {openAge.oldest.map((lead) => (
          <tr key={lead.leadId} className="clickable" onClick={() => openLead(lead.leadId)}>
            <th scope="row">
              <button
                type="button"
                className="link mono"
                aria-label={`Open ${lead.ref}`}
                onClick={(event) => {
                  // The row opens the lead too; once is enough.
                  event.stopPropagation();
                  openLead(lead.leadId);
                }}
              >
                {lead.ref}
              </button>
            </th>
            <td>{lead.customerName}</td>
            <td>{lead.brand}</td>
            <td>{lead.source}</td>
            <td>{formatWhen(lead.createdAt)}</td>
            <td className={`num age-${ageTone(lead.ageHours)}`}>
              {formatAge(lead.createdAt, asOf)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

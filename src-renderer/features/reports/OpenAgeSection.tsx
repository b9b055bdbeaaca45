import type { OpenAgeReport } from '../../../src-shared/contract/reports.schema';
import { formatAge } from '../leads-board/lead-age';
import { formatWhen } from '../wizards/local-time';
import { formatCount } from './report-format';
import { AgeHistogram } from './AgeHistogram';
import { OldestLeadsTable } from './OldestLeadsTable';
import { ReportSection } from './ReportSection';

/**
 * "Age in Open Leads", the documents' operations metric for unclaimed leads: how long the pool's leads have
 * waited now (the date range does not apply), and the oldest of them, each a click away.
 */
export function OpenAgeSection({ openAge }: { openAge: OpenAgeReport }) {
  const total = openAge.buckets.reduce((sum, bucket) => sum + bucket.leads, 0);
  const overADay = openAge.buckets.filter((bucket) => bucket.minHours >= 24).reduce((sum, bucket) => sum + bucket.leads, 0);
  const oldest = openAge.oldest[0];
  return (
    <section className="report-group open-age" aria-labelledby="open-age-title">
      <header className="report-group-head">
        <h3 id="open-age-title">Age in Open Leads</h3>
        <span className="report-note">unclaimed open leads as of {formatWhen(openAge.asOf)}; the period does not apply, the brand does</span>
      </header>
      <dl className="open-age-figures">
        <div>
          <dt>Unclaimed now</dt>
          <dd>{formatCount(total)}</dd>
        </div>
        <div className={overADay > 0 ? 'is-old' : ''}>
          <dt>Waiting over a day</dt>
          <dd>{formatCount(overADay)}</dd>
        </div>
        <div>
          <dt>Longest wait</dt>
          <dd>{oldest ? formatAge(oldest.createdAt, new Date(openAge.asOf)) : '—'}</dd>
        </div>
      </dl>
      {total === 0 ? (
        <p className="report-empty">No unclaimed leads: the Open Leads pool is empty.</p>
      ) : (
        <div className="open-age-body">
          <ReportSection
            level={4}
            title="By time waiting"
            chart={<AgeHistogram buckets={openAge.buckets} />}
            table={
              <table className="report-table" aria-label="Age in Open Leads">
                <thead>
                  <tr>
                    <th scope="col">Waiting</th>
                    <th scope="col" className="num">Unclaimed leads</th>
                  </tr>
                </thead>
                <tbody>
                  {openAge.buckets.map((bucket) => (
                    <tr key={bucket.label}>
                      <th scope="row">{bucket.label}</th>
                      <td className="num">{formatCount(bucket.leads)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
          <section className="report-section" aria-labelledby="oldest-unclaimed-title">
            <header className="report-section-head">
              <h4 id="oldest-unclaimed-title">Oldest unclaimed leads</h4>
              <span className="report-note">the {openAge.oldest.length} longest waiting; click one to open it</span>
            </header>
            <div className="report-table-wrap oldest-scroll">
              <OldestLeadsTable openAge={openAge} />
            </div>
          </section>
        </div>
      )}
    </section>
  );
}

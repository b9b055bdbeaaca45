import { useEffect, useState } from 'react';
import { useUiStore } from '../../app/ui-store';
import { headerActions, isLeadClosed } from '../../../src-shared/domain/lead-access';
import { findStage } from '../../../src-shared/domain/stages';
import { useSignedInUser } from '../../app/use-signed-in-user';
import { LogCallWizard } from '../wizards/LogCallWizard';
import { MarkLostWizard } from '../wizards/MarkLostWizard';
import { MarkWonDialog } from '../wizards/MarkWonDialog';
import { ScheduleActivityWizard } from '../wizards/ScheduleActivityWizard';
import { ScheduleVisitWizard } from '../wizards/ScheduleVisitWizard';
import { ActivitiesPanel } from './ActivitiesPanel';
import { CallTimer } from './CallTimer';
import { Chatter } from './Chatter';
import { EditLeadDialog } from './EditLeadDialog';
import { HistoryNotice } from './HistoryNotice';
import { LeadFields } from './LeadFields';
import { LeadHeader, type WizardAction } from './LeadHeader';
import { StageStatusbar } from './StageStatusbar';
import { useLeadView } from './use-lead-view';
import { FOCUS_ANCHOR } from '../../ui/focus';
import './lead-form.css';

/** The lead form: header actions from the shared rules, the stage statusbar, the sheet, activities and chatter. */
export function LeadForm({ leadId, onClose }: { leadId: string; onClose: () => void }) {
  const state = useLeadView(leadId);
  const user = useSignedInUser();
  // A kanban drop on Lost asks for the Lost wizard at once; taken once so Back and reopen do not repeat it.
  const [wizard, setWizard] = useState<WizardAction | null>(() => useUiStore.getState().takeLeadWizard());
  const [editing, setEditing] = useState(false);
  const [scheduling, setScheduling] = useState(false);
  const toast = useUiStore((store) => store.toast);
  // The lead left this user's replica while open. A pool lead was claimed by someone else: said here, as the
  // claim race says it. One of the user's own was reassigned away: the reassigned-away toast names who and by whom.
  const goneRef = state.status === 'gone' ? state.ref : null;
  const goneFromPool = state.status === 'gone' && state.wasPool;
  useEffect(() => {
    if (goneRef === null) return;
    if (goneFromPool) toast('info', `${goneRef} was claimed by someone else. It has left Open Leads.`);
    onClose();
  }, [goneRef, goneFromPool, onClose, toast]);

  if (state.status !== 'ready' || !user) {
    return (
      <article className="lead-form" aria-label="Lead">
        <div className="lead-topline">
          <button type="button" className="link" onClick={onClose}>
            ← Back
          </button>
        </div>
        <p className={state.status === 'error' ? 'form-error lead-form-message' : 'muted lead-form-message'} role={state.status === 'error' ? 'alert' : 'status'}>
          {state.status === 'error' ? state.message : 'Loading the lead…'}
        </p>
      </article>
    );
  }

  const { lead, readOnly, stages } = state.view;
  const actions = readOnly ? [] : headerActions({ id: user.id, role: user.role }, stages, lead);
  const canWork = actions.length > 0 && !actions.includes('claim');
  const stage = findStage(stages, lead.stageId);
  const closeWizard = () => setWizard(null);

  return (
    <article className="lead-form" aria-label={`Lead ${lead.ref}`} tabIndex={-1} {...{ [FOCUS_ANCHOR]: '' }}>
      <div className="lead-topline">
        <button type="button" className="link" onClick={onClose}>
          ← Back
        </button>
        <h2>
          <span className="mono">{lead.ref}</span> <span className="lead-customer" title={lead.customer.name}>
            {lead.customer.name}
          </span>
        </h2>
        {readOnly && <span className="pill pill-grey">Read-only · from the hub</span>}
        {isLeadClosed(stages, lead) && stage && <span className={stage.isWon ? 'pill pill-green' : 'pill pill-grey'}>{stage.name}</span>}
        <span className="spacer" />
        <LeadHeader lead={lead} actions={actions} onWizard={setWizard} />
      </div>
      {/* The call timer has its place here, left of the statusbar: starting a call moves nothing. */}
      <div className="lead-subbar">
        {canWork && <CallTimer leadId={lead.id} onLog={() => setWizard('log_call')} />}
        <StageStatusbar lead={lead} stages={stages} readOnly={readOnly} onWon={() => setWizard('mark_won')} onLost={() => setWizard('mark_lost')} />
      </div>
      <div className="lead-body">
        <div className="lead-main">
          <LeadFields lead={lead} dealership={state.view.dealership} users={state.view.users} role={user.role} readOnly={readOnly} onEdit={canWork ? () => setEditing(true) : undefined} />
          <ActivitiesPanel activities={state.view.activities} canWork={canWork} onSchedule={() => setScheduling(true)} historyShown={state.view.history.source !== 'missing'} />
        </div>
        <Chatter
          leadId={lead.id}
          messages={state.view.messages}
          pending={state.view.pending}
          users={state.view.users}
          canPost={!readOnly}
          dealerSoName={lead.dealerSoName}
          notice={<HistoryNotice history={state.view.history} />}
          historyShown={state.view.history.source === 'local' || state.view.history.source === 'fetched'}
        />
      </div>
      {wizard === 'log_call' && <LogCallWizard leadId={lead.id} onClose={closeWizard} />}
      {wizard === 'schedule_visit' && <ScheduleVisitWizard leadId={lead.id} onClose={closeWizard} />}
      {scheduling && <ScheduleActivityWizard leadId={lead.id} onClose={() => setScheduling(false)} />}
      {wizard === 'mark_won' && <MarkWonDialog leadId={lead.id} leadRef={lead.ref} onClose={closeWizard} />}
      {editing && <EditLeadDialog lead={lead} onClose={() => setEditing(false)} />}
      {wizard === 'mark_lost' && <MarkLostWizard leadId={lead.id} leadRef={lead.ref} onClose={closeWizard} />}
    </article>
  );
}

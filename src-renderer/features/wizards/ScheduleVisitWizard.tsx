import { ScheduleActivityWizard } from './ScheduleActivityWizard';

/** The header's Schedule Visit (the documents' button): the activity wizard fixed to a visit. */
export function ScheduleVisitWizard({ leadId, onClose }: { leadId: string; onClose: () => void }) {
  return <ScheduleActivityWizard leadId={leadId} onClose={onClose} visitOnly />;
}

import { capabilitiesOf, type Role } from '../../../src-shared/domain/roles';
import type { View } from '../../app/ui-store';

export interface MenuItem {
  view: View;
  label: string;
  /** The group heading it sits under, as in the documents' "BPO CRM → Pipeline → …". */
  group: 'Pipeline' | null;
}

/**
 * The documents' menu for a role: All Leads only for supervisors and managers, Configuration only for
 * managers — never rendered for the others (the hub refuses them anyway).
 */
export function menuFor(role: Role): MenuItem[] {
  const can = capabilitiesOf(role);
  const items: Array<MenuItem | false> = [
    { view: 'home', label: 'Home', group: null },
    { view: 'open-leads', label: 'Open Leads', group: 'Pipeline' },
    { view: 'my-pipeline', label: 'My Pipeline', group: 'Pipeline' },
    can.allLeadsMenu && { view: 'all-leads', label: 'All Leads', group: 'Pipeline' },
    { view: 'call-logs', label: 'Call Logs', group: 'Pipeline' },
    can.reports && { view: 'reports', label: 'Floor Reports', group: null },
    can.configure && { view: 'configuration', label: 'Configuration', group: null },
  ];
  return items.filter((item): item is MenuItem => item !== false);
}

/** Where a role lands after sign-in: agents work their pipeline, supervisors and managers watch the pool. */
export function landingView(role: Role): View {
  return role === 'agent' ? 'my-pipeline' : 'open-leads';
}

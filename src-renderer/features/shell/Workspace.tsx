import { useEffect, useState } from 'react';
import type { Actor } from '../../../src-shared/domain/lead-access';
import { useUiStore } from '../../app/ui-store';
import { useDueNotifications } from '../home/use-due-notifications';
import { LeadForm } from '../lead-form/LeadForm';
import { MainView } from './MainView';
import { ShortcutHelp } from './ShortcutHelp';
import { SideMenu } from './SideMenu';
import { Toasts } from './Toasts';
import { landingView } from './menu-items';
import { useReassignedAwayToast } from './use-reassigned-away-toast';
import { useShellShortcuts } from './use-shell-shortcuts';

/** Below the top bar: the menu, the current view, the open lead over it, toasts and the shortcut help. */
export function Workspace({ actor }: { actor: Actor }) {
  const openLeadId = useUiStore((state) => state.openLeadId);
  const openLead = useUiStore((state) => state.openLead);
  const setView = useUiStore((state) => state.setView);
  const [helpOpen, setHelpOpen] = useState(false);
  useShellShortcuts(actor.role, helpOpen, setHelpOpen);
  useDueNotifications(actor.id);
  useReassignedAwayToast(actor.id);

  // Each sign-in lands where that role starts its day.
  useEffect(() => setView(landingView(actor.role)), [actor.id, actor.role, setView]);

  return (
    <div className="workspace">
      <SideMenu role={actor.role} />
      <main className="view">
        <MainView actor={actor} />
      </main>
      {openLeadId && (
        <div className="lead-drawer">
          <LeadForm key={openLeadId} leadId={openLeadId} onClose={() => openLead(null)} />
        </div>
      )}
      <Toasts />
      {helpOpen && <ShortcutHelp onClose={() => setHelpOpen(false)} />}
    </div>
  );
}

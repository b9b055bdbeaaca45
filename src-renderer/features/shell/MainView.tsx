import type { Actor } from '../../../src-shared/domain/lead-access';
import { capabilitiesOf } from '../../../src-shared/domain/roles';
import { useUiStore } from '../../app/ui-store';
import { AllLeadsPanel } from '../all-leads/AllLeadsPanel';
import { CallLogsPage } from '../call-logs/CallLogsPage';
import { ConfigurationView } from '../config/ConfigurationView';
import { HomeView } from '../home/HomeView';
import { WonFailuresPanel } from '../home/WonFailuresPanel';
import { LeadsList } from '../leads-list/LeadsList';
import { MyPipelineBoard } from '../leads-board/MyPipelineBoard';
import { OpenLeadsBoard } from '../leads-board/OpenLeadsBoard';
import { FloorReportsView } from '../reports/FloorReportsView';

/** The screen the menu points at; a view the role may not have falls back to My Pipeline. */
export function MainView({ actor }: { actor: Actor }) {
  const view = useUiStore((state) => state.view);
  const can = capabilitiesOf(actor.role);
  switch (view) {
    case 'home':
      return (
        <div className="home">
          <WonFailuresPanel userId={actor.id} />
          <HomeView userId={actor.id} />
          <LeadsList />
        </div>
      );
    case 'open-leads':
      return <OpenLeadsBoard role={actor.role} />;
    case 'all-leads':
      return can.allLeadsMenu ? <AllLeadsPanel userId={actor.id} /> : <MyPipelineBoard actor={actor} />;
    case 'call-logs':
      return <CallLogsPage actor={actor} />;
    case 'reports':
      return can.reports ? <FloorReportsView /> : <MyPipelineBoard actor={actor} />;
    case 'configuration':
      return can.configure ? <ConfigurationView actor={actor} /> : <MyPipelineBoard actor={actor} />;
    case 'my-pipeline':
      return <MyPipelineBoard actor={actor} />;
  }
}

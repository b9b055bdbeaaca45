import type { Role } from '../../../src-shared/domain/roles';
import { useUiStore } from '../../app/ui-store';
import { menuFor } from './menu-items';

/** The left menu: Home, Pipeline → Open Leads / My Pipeline / All Leads / Call Logs, Configuration. */
export function SideMenu({ role }: { role: Role }) {
  const view = useUiStore((state) => state.view);
  const setView = useUiStore((state) => state.setView);
  const items = menuFor(role);
  return (
    <nav className="side-menu" aria-label="Main menu">
      <ul>
        {items.map((item, index) => {
          const startsGroup = item.group !== null && items[index - 1]?.group !== item.group;
          return (
            <li key={item.view} className={item.group ? 'in-group' : undefined}>
              {startsGroup && <span className="menu-group">{item.group}</span>}
              <button type="button" className={view === item.view ? 'active' : undefined} aria-current={view === item.view ? 'page' : undefined} onClick={() => setView(item.view)} title={`${item.label} (Alt+${index + 1})`}>
                {item.label}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

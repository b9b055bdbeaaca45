import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Actor } from '../../../src-shared/domain/lead-access';
import { DealershipsPanel } from './DealershipsPanel';
import { IntakeKeysPanel } from './IntakeKeysPanel';
import { MailOutboxPanel } from './MailOutboxPanel';
import { StagesPanel } from './StagesPanel';
import { UnclaimedAlertsPanel } from './UnclaimedAlertsPanel';
import { UsersPanel } from './UsersPanel';
import { WorkstationsPanel } from './WorkstationsPanel';
import './config.css';

const TABS = [
  { id: 'stages', label: 'Stages' },
  { id: 'dealerships', label: 'Dealerships' },
  { id: 'lead-alerts', label: 'Lead alerts' },
  { id: 'users', label: 'Users' },
  { id: 'intake-keys', label: 'Intake keys' },
  { id: 'mail-outbox', label: 'Mail outbox' },
  { id: 'workstations', label: 'Workstations' },
] as const;

type TabId = (typeof TABS)[number]['id'];

/** Configuration (managers): one tab per subject; the hub refuses everyone else whatever the screen shows. */
export function ConfigurationView({ actor }: { actor: Actor }) {
  const [tab, setTab] = useState<TabId>('stages');
  const base = useId();
  const tabRefs = useRef(new Map<TabId, HTMLButtonElement>());

  // Arrow keys move between tabs (one tab stop for the whole list).
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const index = TABS.findIndex((item) => item.id === tab);
    const next = TABS[(index + step + TABS.length) % TABS.length]!.id;
    setTab(next);
    tabRefs.current.get(next)?.focus();
  };

  return (
    <section className="config" aria-label="Configuration">
      <header className="config-head">
        <h2>Configuration</h2>
        <div className="config-tabs" role="tablist" aria-label="Configuration" onKeyDown={onKeyDown}>
          {TABS.map((item) => (
            <button
              key={item.id}
              ref={(node) => {
                if (node) tabRefs.current.set(item.id, node);
              }}
              type="button"
              role="tab"
              id={`${base}-${item.id}`}
              aria-selected={tab === item.id}
              aria-controls={`${base}-panel`}
              tabIndex={tab === item.id ? 0 : -1}
              className={tab === item.id ? 'active' : undefined}
              onClick={() => setTab(item.id)}
            >
              {item.label}
            </button>
          ))}
        </div>
      </header>
      <div className="config-body" role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-${tab}`}>
        {tab === 'stages' && <StagesPanel />}
        {tab === 'dealerships' && <DealershipsPanel />}
        {tab === 'lead-alerts' && <UnclaimedAlertsPanel />}
        {tab === 'users' && <UsersPanel actorId={actor.id} />}
        {tab === 'intake-keys' && <IntakeKeysPanel />}
        {tab === 'mail-outbox' && <MailOutboxPanel />}
        {tab === 'workstations' && <WorkstationsPanel />}
      </div>
    </section>
  );
}

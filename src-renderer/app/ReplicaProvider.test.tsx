import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from '@testing-library/react';
import type { CrmApi, RendererReplica } from '../../src-shared/contract/crm-api';
import type { Session } from '../../src-shared/contract/ipc.contract';
import type { SyncPage } from '../../src-shared/contract/sync.schema';
import { exampleLead, exampleStage, exampleUser } from '../../src-shared/contract/contract-examples.fixture';
import { readLeads } from '../db/lead-store';
import { ReplicaDb, replicaName } from '../db/replica-db';
import { ReplicaProvider } from './ReplicaProvider';

const session: Session = { user: exampleUser, hubUrl: 'https://hub.example.test', online: true, remembered: false, locked: false, idleLockMinutes: 10 };

afterEach(async () => {
  await Dexie.delete(replicaName(session.hubUrl, session.user.id));
});

async function renderServed(): Promise<{ served: RendererReplica; unmount: () => void }> {
  let served: RendererReplica | undefined;
  window.crm = {
    serveReplica: (replica: RendererReplica) => ((served = replica), () => undefined),
    onConnectionState: () => () => undefined,
    sendOutboxItem: vi.fn(),
    sealKeptOutbox: vi.fn(),
    openKeptOutbox: vi.fn(),
  } as unknown as CrmApi;
  const view = render(
    <ReplicaProvider session={session}>
      <p>board</p>
    </ReplicaProvider>,
  );
  await vi.waitFor(() => expect(served).toBeDefined());
  return { served: served as RendererReplica, unmount: view.unmount };
}

const pageOf = (cursor: string, leads = [exampleLead]): SyncPage => ({ cursor, hasMore: false, reset: false, leads, removedLeadIds: [], messages: [], callLogs: [], activities: [], stages: [exampleStage], users: [exampleUser], dealerships: [] });

async function storedLeadIds(): Promise<string[]> {
  const db = new ReplicaDb(replicaName(session.hubUrl, session.user.id));
  try {
    return (await readLeads(db)).all().map((lead) => lead.id);
  } finally {
    db.close();
  }
}

describe('ReplicaProvider', () => {
  it('serves main a replica that takes each sync page as JSON text (one string across IPC and the context bridge) and applies it with its cursor', async () => {
    const { served, unmount } = await renderServed();
    await served.apply({ json: JSON.stringify(pageOf('c1')), after: null });
    expect(await served.cursor()).toBe('c1');
    expect(await storedLeadIds()).toEqual([exampleLead.id]);
    unmount();
  });

  it('applies a page handed over before the one before it is written, in the order handed over', async () => {
    const { served, unmount } = await renderServed();
    const second = { ...exampleLead, id: `${exampleLead.id.slice(0, -1)}9`, ref: 'L-2' };
    const first = served.apply({ json: JSON.stringify(pageOf('c1')), after: null });
    const next = served.apply({ json: JSON.stringify(pageOf('c2', [second])), after: 'c1' });
    await Promise.all([first, next]);
    expect(await served.cursor()).toBe('c2');
    expect((await storedLeadIds()).sort()).toEqual([exampleLead.id, second.id].sort());
    unmount();
  });

  it('refuses a page that follows another cursor, and a hand-over without its text or cursor, naming the problem', async () => {
    const { served, unmount } = await renderServed();
    await expect(served.apply({ json: JSON.stringify(pageOf('c2')), after: 'c1' })).rejects.toThrow(/follows cursor c1 but the replica is at \(none: empty\)/);
    expect(await served.cursor()).toBeNull();
    await expect(served.apply({ after: null } as never)).rejects.toThrow(/without its JSON text/);
    await expect(served.apply({ json: '{}' } as never)).rejects.toThrow(/without the cursor it follows/);
    await expect(served.apply({ json: '[1]', after: null })).rejects.toThrow(/not a sync page/);
    expect(await storedLeadIds()).toEqual([]);
    unmount();
  });
});

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

describe('ReplicaProvider', () => {
  it('serves main a replica that takes each sync page as JSON text (one string across IPC and the context bridge) and applies it with its cursor', async () => {
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
    const page: SyncPage = { cursor: 'c1', hasMore: false, reset: false, leads: [exampleLead], removedLeadIds: [], messages: [], callLogs: [], activities: [], stages: [exampleStage], users: [exampleUser], dealerships: [] };
    await served?.apply(JSON.stringify(page));
    expect(await served?.cursor()).toBe('c1');
    const db = new ReplicaDb(replicaName(session.hubUrl, session.user.id));
    try {
      expect((await readLeads(db)).all().map((lead) => lead.id)).toEqual([exampleLead.id]);
    } finally {
      db.close();
    }
    view.unmount();
  });
});

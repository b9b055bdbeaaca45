import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { Session } from '../../src-shared/contract/ipc.contract';
import { crm } from '../bridge/crm';
import { readPageRequest } from '../db/page-request';
import { applySyncPage, dropOldClosedLeads, replicaCursor, resetReplica } from '../db/apply-sync-page';
import { OutboxPump } from '../db/outbox';
import { keptOutboxDb, restoreKeptOutbox } from '../db/kept-outbox';
import { tidyOtherReplicas } from '../db/other-replicas';
import { ReplicaDb, replicaName } from '../db/replica-db';
import { openThroughMain, sealThroughMain } from './kept-outbox-bridge';

interface Replica {
  db: ReplicaDb;
  outbox: OutboxPump;
}

const ReplicaContext = createContext<Replica | null>(null);

/** For component tests: provide a replica without main. */
export const ReplicaContextForTests = ReplicaContext.Provider;

export function useReplica(): Replica {
  const replica = useContext(ReplicaContext);
  if (!replica) throw new Error('useReplica outside ReplicaProvider');
  return replica;
}

/** Opens the signed-in user's replica, serves it to main's pull loop, and runs the outbox. */
export function ReplicaProvider({ session, children }: { session: Session; children: ReactNode }) {
  const replica = useMemo(() => {
    const db = new ReplicaDb(replicaName(session.hubUrl, session.user.id));
    return { db, outbox: new OutboxPump(db, (item) => crm().sendOutboxItem(item)) };
  }, [session.hubUrl, session.user.id]);

  useEffect(() => {
    const { db, outbox } = replica;
    // Closed under it (sign-out, a session that ended) it has nothing left to tidy: not an error.
    dropOldClosedLeads(db, session.user.id, new Date()).catch(() => undefined);
    // Hot-desking: what earlier people left here (their session ended without a sign-out) loses its customers.
    tidyOtherReplicas(db.name, keptOutboxDb(), sealThroughMain).catch(() => undefined);
    // What this person could not send when their last session here ended goes back into their outbox.
    restoreKeptOutbox(db, { hubUrl: session.hubUrl, userId: session.user.id }, keptOutboxDb(), openThroughMain)
      .then(({ restored }) => restored > 0 && outbox.kick())
      .catch(() => undefined);
    const stopServing = crm().serveReplica({
      cursor: () => replicaCursor(db),
      apply: async (request) => {
        const { page, after } = readPageRequest(request);
        await applySyncPage(db, page, after);
      },
      reset: () => resetReplica(db),
    });
    outbox.kick();
    const stopListening = crm().onConnectionState((state) => {
      if (state.online) outbox.kick();
    });
    return () => {
      stopServing();
      stopListening();
      outbox.stop();
      db.close();
    };
  }, [replica, session.hubUrl, session.user.id]);

  return <ReplicaContext.Provider value={replica}>{children}</ReplicaContext.Provider>;
}

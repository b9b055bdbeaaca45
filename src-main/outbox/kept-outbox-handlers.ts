import { z } from 'zod';
import { keptOutboxItemSchema } from '../../src-shared/contract/ipc.contract';
import { AppFailure } from '../ipc/app-failure';
import type { IpcHandlers } from '../ipc/ipc-dispatcher';
import { outboxOwner, type KeptOutboxKeys } from '../session/kept-outbox-keys';
import type { SessionManager } from '../session/session-manager';

const keptItemsSchema = z.array(keptOutboxItemSchema);

/** Sealing a person's kept outbox for them alone, and opening it again at their own next sign-in. */
export function keptOutboxHandlers(deps: { session: SessionManager; keys: KeptOutboxKeys }): Pick<IpcHandlers, 'outbox:seal-kept' | 'outbox:open-kept'> {
  return {
    'outbox:seal-kept': async ({ owner, items }) => ({ sealed: await deps.keys.seal(outboxOwner(owner.hubUrl, owner.userId), JSON.stringify(items)) }),
    'outbox:open-kept': async ({ sealed }) => {
      const current = deps.session.current();
      if (!current) throw AppFailure.of('unauthenticated', 'Sign in first.');
      const text = await deps.keys.open(outboxOwner(current.hubUrl, current.user.id), sealed);
      const items = keptItemsSchema.safeParse(JSON.parse(text));
      if (!items.success) throw AppFailure.of('invalid_input', 'The kept outbox is not a list of outbox items.');
      return { items: items.data };
    },
  };
}

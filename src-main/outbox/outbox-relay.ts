import { activitySchema, callLogSchema, messageSchema } from '../../src-shared/contract/entities.schema';
import { formatIssues } from '../../src-shared/contract/format-issues';
import type { OutboxSendInput } from '../../src-shared/contract/ipc.contract';
import { createActivityBodySchema, createNoteBodySchema, logCallBodySchema } from '../../src-shared/contract/lead-work.schema';
import type { HubClient } from '../hub/hub-client';
import { AppFailure } from '../ipc/app-failure';

const ROUTES = {
  note: { path: 'notes', body: createNoteBodySchema, answer: messageSchema },
  call: { path: 'calls', body: logCallBodySchema, answer: callLogSchema },
  activity: { path: 'activities', body: createActivityBodySchema, answer: activitySchema },
} as const;

/**
 * Posts one outbox item to its hub endpoint with its clientId: sent twice (a retry after a lost answer, a
 * restart mid-send), the hub still records it once.
 */
export async function sendOutboxItem(hub: HubClient, item: OutboxSendInput): Promise<{ id: string }> {
  const route = ROUTES[item.kind];
  const body = route.body.safeParse({ ...item.body, clientId: item.clientId });
  if (!body.success) throw AppFailure.of('invalid_input', `Invalid ${item.kind}: ${formatIssues(body.error)}`);
  const answer = await hub.request({ method: 'POST', path: `/leads/${encodeURIComponent(item.leadId)}/${route.path}`, body: body.data, schema: route.answer });
  return { id: answer.id };
}

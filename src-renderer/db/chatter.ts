import type { EntityTable } from 'dexie';
import type { Message } from '../../src-shared/contract/entities.schema';
import { byCreatedThenId } from './created-order';

/**
 * A lead's chatter as the replica stores it: one record per lead holding all its messages, oldest first. A
 * first sync brings five or more messages for every own lead, and IndexedDB's cost is mostly per record: one
 * record per lead instead of one per message takes most of the own pipeline's history off the first sync.
 */
export interface ChatterRow {
  leadId: string;
  messages: Message[];
}


/** The stored messages with the incoming ones: an incoming message replaces a stored one of the same id. */
export function mergeMessages(stored: readonly Message[], incoming: readonly Message[]): Message[] {
  const byId = new Map(stored.map((message) => [message.id, message]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort(byCreatedThenId);
}

/** Incoming messages by lead, each lead's in arrival order. */
export function messagesByLead(messages: readonly Message[]): Map<string, Message[]> {
  const byLead = new Map<string, Message[]>();
  for (const message of messages) {
    const list = byLead.get(message.leadId);
    if (list) list.push(message);
    else byLead.set(message.leadId, [message]);
  }
  return byLead;
}

/**
 * Each lead's new messages join its chatter record (read, merged, written back: one record per lead). A lead the
 * page brings whole comes with every message it has, so its record is written without reading the stored one
 * (a first sync's history pages read nothing).
 */
export async function putMessages(chatter: EntityTable<ChatterRow, 'leadId'>, messages: readonly Message[], wholeLeadIds: readonly string[] = []): Promise<void> {
  const byLead = messagesByLead(messages);
  const whole = new Set(wholeLeadIds);
  const merged = [...byLead.keys()].filter((leadId) => !whole.has(leadId));
  const stored = merged.length > 0 ? await chatter.bulkGet(merged) : [];
  const storedOf = new Map(merged.map((leadId, index) => [leadId, stored[index]?.messages ?? []]));
  await chatter.bulkPut([...byLead].map(([leadId, incoming]) => ({ leadId, messages: mergeMessages(storedOf.get(leadId) ?? [], incoming) })));
}

import type { Message } from '../../src-shared/contract/entities.schema';

/**
 * A lead's chatter as schema versions 5–10 stored it: one record per lead holding all its messages, oldest first.
 * Kept for those versions' upgrades; version 11 moves the chatter into chunks (history-store.ts).
 */
export interface ChatterRow {
  leadId: string;
  messages: Message[];
}

/** Oldest first, equal times by id: the replica's order for messages and for pool leads (ISO times compare as text). */
export function byCreatedThenId(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

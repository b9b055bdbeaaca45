import type { ChangeNotice } from '../changes/change-log';
import type { EventListener } from './change-fanout';

/**
 * The connected users of a hub process by what they may see, so a change finds its audience without a check
 * per subscriber: those who see every lead, agents (all of whom see the pool), and agents by user id.
 * A change to one agent's lead then looks at that agent's subscriptions and the supervisors' only.
 */
export class FanoutGroups<Member> {
  private readonly seeAll = new Set<Member>();
  private readonly agents = new Set<Member>();
  private readonly agentsByUser = new Map<string, Set<Member>>();
  /** Where each member was filed (its user and whether it sees all), to take it out again. */
  private readonly filed = new Map<Member, { userId: string; seeAll: boolean }>();

  get size(): number {
    return this.filed.size;
  }

  has(member: Member): boolean {
    return this.filed.has(member);
  }

  /** Files a member under the listener's visibility as it stands now. */
  add(member: Member, listener: EventListener): void {
    this.remove(member);
    const place = { userId: listener.userId, seeAll: listener.seeAll };
    this.filed.set(member, place);
    if (place.seeAll) {
      this.seeAll.add(member);
      return;
    }
    this.agents.add(member);
    const own = this.agentsByUser.get(place.userId) ?? new Set<Member>();
    own.add(member);
    this.agentsByUser.set(place.userId, own);
  }

  remove(member: Member): void {
    const place = this.filed.get(member);
    if (!place) return;
    this.filed.delete(member);
    this.seeAll.delete(member);
    this.agents.delete(member);
    const own = this.agentsByUser.get(place.userId);
    own?.delete(member);
    if (own?.size === 0) this.agentsByUser.delete(place.userId);
  }

  /** Every member once (close, or a notice that concerns everyone). */
  all(): IterableIterator<Member> {
    return this.filed.keys();
  }

  /**
   * The members a change may concern, each once: everyone for configuration (or a notice that could not be
   * read), otherwise those who see all leads, plus every agent for a pool lead or the agents it names.
   */
  *audience(notice: ChangeNotice | null): Generator<Member> {
    if (notice === null || notice.leadId === null) {
      yield* this.filed.keys();
      return;
    }
    yield* this.seeAll;
    if (notice.pool) {
      yield* this.agents;
      return;
    }
    const named = new Set(notice.users);
    for (const userId of named) yield* this.agentsByUser.get(userId) ?? [];
  }
}

import type { Stage } from '../../../src-shared/domain/stages';

/** The ids with `id` moved to `toIndex` (clamped); the same order when it does not move. */
export function moveId(ids: readonly string[], id: string, toIndex: number): string[] {
  const from = ids.indexOf(id);
  if (from < 0) return [...ids];
  const to = Math.max(0, Math.min(ids.length - 1, toIndex));
  const next = ids.filter((other) => other !== id);
  next.splice(to, 0, id);
  return next;
}

export function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

/** The stages in the order of `ids` (a reorder waiting for the hub); stages not named keep their place at the end. */
export function inOrder<T extends Pick<Stage, 'id'>>(stages: readonly T[], ids: readonly string[] | null): T[] {
  if (!ids) return [...stages];
  const rank = new Map(ids.map((id, index) => [id, index]));
  return [...stages].sort((a, b) => (rank.get(a.id) ?? ids.length) - (rank.get(b.id) ?? ids.length));
}

/** A new stage goes last: ten after the highest sequence (main renumbers 10, 20, … on reorder). */
export function nextSequence(stages: readonly Pick<Stage, 'sequence'>[]): number {
  return Math.min(1_000_000, Math.max(0, ...stages.map((stage) => stage.sequence)) + 10);
}

/** A pipeline stage as configured by managers. Open stages are those neither won nor lost. */
export interface Stage {
  id: string;
  name: string;
  sequence: number;
  isWon: boolean;
  isLost: boolean;
  folded: boolean;
}

/** The default stage set of DESIGN.md §3. */
export const DEFAULT_STAGES: ReadonlyArray<Omit<Stage, 'id'>> = [
  { name: 'New', sequence: 10, isWon: false, isLost: false, folded: false },
  { name: 'Qualified', sequence: 20, isWon: false, isLost: false, folded: false },
  { name: 'Negotiation', sequence: 30, isWon: false, isLost: false, folded: false },
  { name: 'Won', sequence: 40, isWon: true, isLost: false, folded: false },
  { name: 'Lost', sequence: 50, isWon: false, isLost: true, folded: true },
];

/** Stages by sequence; ties broken by id so every side sees the same order. */
export function sortStages<T extends Pick<Stage, 'id' | 'sequence'>>(stages: readonly T[]): T[] {
  return [...stages].sort((a, b) => a.sequence - b.sequence || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function isOpenStage(stage: Pick<Stage, 'isWon' | 'isLost'>): boolean {
  return !stage.isWon && !stage.isLost;
}

export function isClosedStage(stage: Pick<Stage, 'isWon' | 'isLost'>): boolean {
  return !isOpenStage(stage);
}

export function openStages<T extends Stage>(stages: readonly T[]): T[] {
  return sortStages(stages).filter(isOpenStage);
}

/** The open stage right after `stageId` in sequence, or null from the last open stage (or a closed one). */
export function nextOpenStage<T extends Stage>(stages: readonly T[], stageId: string): T | null {
  const open = openStages(stages);
  const index = open.findIndex((stage) => stage.id === stageId);
  if (index < 0) return null;
  return open[index + 1] ?? null;
}

/** The first open stage: where new leads start. */
export function firstOpenStage<T extends Stage>(stages: readonly T[]): T | null {
  return openStages(stages)[0] ?? null;
}

/** With several won stages the first by sequence is the one leads go to. */
export function wonStage<T extends Stage>(stages: readonly T[]): T | null {
  return sortStages(stages).find((stage) => stage.isWon) ?? null;
}

/** With several lost stages the first by sequence is the one leads go to. */
export function lostStage<T extends Stage>(stages: readonly T[]): T | null {
  return sortStages(stages).find((stage) => stage.isLost && !stage.isWon) ?? null;
}

export function findStage<T extends Stage>(stages: readonly T[], stageId: string): T | null {
  return stages.find((stage) => stage.id === stageId) ?? null;
}

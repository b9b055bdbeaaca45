import { findStage, isClosedStage, lostStage, nextOpenStage, wonStage, type Stage } from './stages';

/**
 * What a stage move means once it is allowed:
 * - `advance`: one step forward between open stages, applied as is;
 * - `won` / `lost`: a close from an open stage; the caller must run the Won flow or ask for a lost reason;
 * - `override`: the administrator bypass (`skip_stage_transition_check`), applied as is.
 */
export type TransitionKind = 'advance' | 'won' | 'lost' | 'override';

export type TransitionRefusal = 'stage_transition_not_allowed' | 'lead_closed' | 'not_found';

export type TransitionCheck<T extends Stage = Stage> =
  | { ok: true; kind: TransitionKind; from: T; to: T }
  | { ok: false; code: TransitionRefusal; message: string };

export interface TransitionOptions {
  /** The documents' `skip_stage_transition_check`: only the hub's administrator command sets it. */
  skipStageTransitionCheck?: boolean;
}

/** The documents' refusal text, verbatim, with the configured stage names filled in. */
export function forwardOnlyMessage(fromName: string, nextName: string | null): string {
  const allowed =
    nextName === null
      ? `From "${fromName}" no further open stage is allowed.`
      : `From "${fromName}" the only allowed next stage is "${nextName}".`;
  return `Leads can only move forward one stage at a time. ${allowed} Use the Mark Won or Mark Lost buttons to close the lead instead.`;
}

export const LEAD_CLOSED_MESSAGE =
  'This lead is closed (Won or Lost) and does not move again. Ask a manager if it must be reopened.';

/**
 * The forward-only rule of "Working a Lead": between open stages only the next one; into a won or lost
 * stage from any open stage; a closed lead does not move (stricter than the documents, DESIGN.md §4.3).
 * With several won (or lost) stages, a close goes to the first by sequence.
 */
export function checkTransition<T extends Stage>(
  stages: readonly T[],
  fromStageId: string,
  toStageId: string,
  options: TransitionOptions = {},
): TransitionCheck<T> {
  const from = findStage(stages, fromStageId);
  const to = findStage(stages, toStageId);
  if (!from || !to) return { ok: false, code: 'not_found', message: 'Stage not found.' };

  if (options.skipStageTransitionCheck) return { ok: true, kind: 'override', from, to };
  if (isClosedStage(from)) return { ok: false, code: 'lead_closed', message: LEAD_CLOSED_MESSAGE };

  if (to.isWon) return { ok: true, kind: 'won', from, to: wonStage(stages) ?? to };
  if (to.isLost) return { ok: true, kind: 'lost', from, to: lostStage(stages) ?? to };

  const next = nextOpenStage(stages, from.id);
  if (next && next.id === to.id) return { ok: true, kind: 'advance', from, to };
  return { ok: false, code: 'stage_transition_not_allowed', message: forwardOnlyMessage(from.name, next?.name ?? null) };
}

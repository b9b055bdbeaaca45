import { DEFAULT_STAGES, type Stage } from './stages';

/** The default stage set with readable ids, for tests. */
export function defaultStages(): Stage[] {
  return DEFAULT_STAGES.map((stage) => ({ ...stage, id: stage.name.toLowerCase() }));
}

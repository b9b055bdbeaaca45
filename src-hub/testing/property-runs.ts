/**
 * fast-check's run count and seed for the hub's property tests: fixed by default, so a CI failure repeats
 * on the next run and a pass means the same inputs passed; FC_SEED / FC_RUNS explore further by hand (as in
 * sync-plan.test.ts). fast-check prints the seed and path of any failure.
 */
export function propertyRuns(defaultRuns: number, defaultSeed = 20261123): { numRuns: number; seed: number } {
  return { numRuns: fromEnv('FC_RUNS', defaultRuns), seed: fromEnv('FC_SEED', defaultSeed) };
}

function fromEnv(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`${name}="${text}" is not an integer.`);
  return value;
}

import type { Readiness, ReadinessCheck } from '../../../src-shared/contract/health.schema';

export type CheckFn = () => ReadinessCheck | Promise<ReadinessCheck>;

/** A check that does not answer within this time fails: a probe must answer quickly, whatever hangs. */
export const CHECK_TIMEOUT_MS = 2_000;

/**
 * What `GET /readyz` asks, filled by the features that know (database, migrations, mail worker, shutdown):
 * each registers its own check; a name twice is a programming error.
 */
export class ReadinessChecks {
  private readonly checks = new Map<string, CheckFn>();

  add(name: string, check: CheckFn): void {
    if (this.checks.has(name)) throw new Error(`readiness check "${name}" registered twice`);
    this.checks.set(name, check);
  }

  async run(timeoutMs = CHECK_TIMEOUT_MS): Promise<Readiness> {
    const names = [...this.checks.keys()];
    const results = await Promise.all(names.map((name) => runOne(this.checks.get(name)!, timeoutMs)));
    const checks = Object.fromEntries(names.map((name, index) => [name, results[index]!]));
    return { status: results.every((result) => result.ok) ? 'ready' : 'not_ready', checks };
  }
}

async function runOne(check: CheckFn, timeoutMs: number): Promise<ReadinessCheck> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<ReadinessCheck>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(check), late]);
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

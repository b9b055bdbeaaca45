import { readFileSync, writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';
import { BROWSER_PROJECT } from './browser-lane.sequencer';

interface FileTime {
  project: string;
  file: string;
  /** Seconds from the file being picked up by a worker to its end: import, hooks and tests. */
  seconds: number;
  /** When it was picked up, in seconds since the run started (the JSON's timeline: who waited for whom). */
  startSeconds: number;
  importSeconds: number;
  testSeconds: number;
}

/**
 * Prints the ten slowest test files after a run, so the next person looking for time knows where it goes.
 * The time counted is what the file costs a worker (environment, import, hooks and tests), not only its tests.
 * SLOWEST_FILES_JSON=<path> also writes every file's time there, for comparing runs; EXPECTED_SECONDS_JSON=<path>
 * the table the queue is ordered by (browser-lane.sequencer.ts): each file's seconds, a browser file's hooks and
 * tests only (its import time includes waiting for the lane).
 */
export default class SlowestFilesReporter implements Reporter {
  private readonly started = new Map<string, number>();
  private readonly times: FileTime[] = [];
  private readonly runStarted = Date.now();

  onTestModuleStart(testModule: TestModule): void {
    this.started.set(testModule.moduleId, Date.now());
  }

  onTestModuleEnd(testModule: TestModule): void {
    const diagnostic = testModule.diagnostic();
    const importMs = diagnostic.environmentSetupDuration + diagnostic.prepareDuration + diagnostic.setupDuration + diagnostic.collectDuration;
    const startedAt = this.started.get(testModule.moduleId);
    const wallMs = startedAt === undefined ? importMs + diagnostic.duration : Date.now() - startedAt;
    this.times.push({
      project: testModule.project.name,
      file: testModule.relativeModuleId,
      seconds: Math.max(wallMs, importMs + diagnostic.duration) / 1000,
      startSeconds: (Date.now() - wallMs - this.runStarted) / 1000,
      importSeconds: importMs / 1000,
      testSeconds: diagnostic.duration / 1000,
    });
  }

  onTestRunEnd(): void {
    if (this.times.length === 0) return;
    const slowest = [...this.times].sort((a, b) => b.seconds - a.seconds).slice(0, 10);
    const lines = slowest.map((time) => `  ${time.seconds.toFixed(1).padStart(6)} s  ${time.file} [${time.project}] (import ${time.importSeconds.toFixed(1)} s, hooks and tests ${time.testSeconds.toFixed(1)} s)`);
    const wall = ((Date.now() - this.runStarted) / 1000).toFixed(0);
    process.stdout.write(`\nTen slowest test files (of ${this.times.length}, run ${wall} s wall):\n${lines.join('\n')}\n`);
    const out = process.env['SLOWEST_FILES_JSON'];
    if (out) writeFileSync(out, JSON.stringify({ wallSeconds: Number(wall), files: this.times }, null, 2));
    const expected = process.env['EXPECTED_SECONDS_JSON'];
    if (expected) writeFileSync(expected, `${JSON.stringify(mergeExpectedSeconds(readTable(expected), expectedSeconds(this.times)), null, 1)}\n`);
  }
}

/** `project:file` → seconds, longest first; files under half a second are left to the sequencer's default. */
export function expectedSeconds(times: readonly FileTime[]): Record<string, number> {
  const entries = times.map((time) => [`${time.project}:${time.file}`, Math.round((time.project === BROWSER_PROJECT ? time.testSeconds : time.seconds) * 10) / 10] as const);
  return Object.fromEntries(entries.filter(([, seconds]) => seconds >= 0.5).sort((a, b) => b[1] - a[1]));
}

/**
 * The table after a run of some projects (`npm run test:unit` runs the browser files and the others in two vitest
 * processes, each writing the table at its end): this run's projects replaced, the other projects' rows kept.
 */
export function mergeExpectedSeconds(previous: Record<string, number>, measured: Record<string, number>): Record<string, number> {
  const projectOf = (key: string) => key.slice(0, key.indexOf(':'));
  const projects = new Set(Object.keys(measured).map(projectOf));
  const kept = Object.entries(previous).filter(([key]) => !projects.has(projectOf(key)));
  return Object.fromEntries([...kept, ...Object.entries(measured)].sort((a, b) => b[1] - a[1]));
}

function readTable(path: string): Record<string, number> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

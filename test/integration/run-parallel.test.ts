import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPT = join(process.cwd(), 'scripts/run-parallel.mjs');

/** A package of its own whose scripts pass, fail and print, run through scripts/run-parallel.mjs as `npm test` does. */
function runParallel(...steps: string[]): { status: number | null; stdout: string; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bpo-crm-run-parallel-'));
  const scripts = {
    fine: `node -e "console.log('fine output')"`,
    broken: `node -e "console.error('broken output'); process.exit(3)"`,
    // Ends only once 'signal' has run: passes only if the two steps run at the same time.
    waiter: `node -e "const f=require('fs');const t=Date.now();(function w(){if(f.existsSync('signal'))console.log('waiter output');else if(Date.now()-t>20000)process.exit(4);else setTimeout(w,20)})()"`,
    signal: `node -e "require('fs').writeFileSync('signal','')"`,
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'run-parallel-test', private: true, scripts }));
  const result = spawnSync(process.execPath, [SCRIPT, ...steps], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('scripts/run-parallel.mjs (the typecheck and lint steps of npm test)', () => {
  it('runs the steps at the same time and passes when every step passes, printing each whole under its name', () => {
    const result = runParallel('fine', 'waiter', 'signal');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/── fine: passed in [\d.]+ s\nfine output\n/);
    expect(result.stdout).toMatch(/── waiter: passed in [\d.]+ s\nwaiter output\n/);
    expect(result.stdout).toMatch(/── signal: passed in [\d.]+ s\n/);
  });

  it('fails when one step fails, and names it with its output and exit code', () => {
    const result = runParallel('fine', 'broken');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/── broken: failed \(exit code 3\) in [\d.]+ s\nbroken output\n/);
    expect(result.stderr).toContain('Failed: broken');
  });

  it('refuses to run nothing', () => {
    const result = runParallel();
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: node scripts/run-parallel.mjs');
  });
});

#!/usr/bin/env node
// Runs npm scripts at the same time (`node scripts/run-parallel.mjs typecheck lint`): each one's output is
// printed whole when it ends, under its name, so two steps never interleave; the exit code is 1 if any failed,
// and the last line names those that did. `npm test` runs the typecheck and the lint this way before vitest.
import { spawn } from 'node:child_process';

const steps = process.argv.slice(2);
if (steps.length === 0) {
  console.error('usage: node scripts/run-parallel.mjs <npm script> [<npm script> ...]');
  process.exit(2);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** @param {string} step */
function run(step) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', step], { stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    /** @type {Buffer[]} */
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    let finished = false;
    const finish = (/** @type {number | null} */ code, /** @type {string} */ why) => {
      if (finished) return;
      finished = true;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const text = Buffer.concat(output).toString().trimEnd();
      process.stdout.write(`── ${step}: ${code === 0 ? 'passed' : `failed (${why})`} in ${seconds} s\n${text ? `${text}\n` : ''}`);
      resolve(code === 0);
    };
    child.on('error', (error) => finish(null, error.message));
    child.on('close', (code, signal) => finish(code, signal ? `signal ${signal}` : `exit code ${code}`));
  });
}

const results = await Promise.all(steps.map(async (step) => ({ step, passed: await run(step) })));
const failed = results.filter((result) => !result.passed).map((result) => result.step);
if (failed.length > 0) {
  console.error(`\nFailed: ${failed.join(', ')}`);
  process.exit(1);
}

// npm start: the Electron app when Electron's binary is installed; otherwise one line saying so and the same
// app as a local browser shell (src-main/browser-shell), in training mode.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { electronBinary } from './electron-binary.mjs';

const require = createRequire(import.meta.url);

function run(args) {
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

if (electronBinary()) {
  run([require.resolve('electron-vite/bin/electron-vite.js'), 'dev', ...process.argv.slice(2)]);
} else {
  console.log("Electron's binary is not installed here (its download is blocked?): starting the app as a local browser shell instead.");
  run([require.resolve('tsx/cli'), 'src-main/browser-shell/cli.ts', ...process.argv.slice(2)]);
}

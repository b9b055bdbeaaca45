import { startOdooSandbox } from './odoo-sandbox.server';

/**
 * Runs the sandbox dealer on its own: `npx tsx src-main/training/odoo-sandbox/cli.ts --port 8069`.
 * Prints `listening on <url>` once it accepts connections, so scripts can wait for that line.
 */

const USAGE = 'usage: cli.ts [--port <0-65535>] [--host <address>]   (port 0 picks a free port)';

interface CliOptions {
  port: number;
  host: string;
}

function parseArgs(argv: readonly string[]): CliOptions | { error: string } | 'help' {
  const options: CliOptions = { port: 0, host: '127.0.0.1' };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (arg === '--help' || arg === '-h') return 'help';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag !== '--port' && flag !== '--host') return { error: `unknown argument "${arg}"` };
    const value = inline ?? argv[++index];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) return { error: `${flag} needs a value` };
    if (flag === '--host') {
      options.host = value;
      continue;
    }
    const port = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isInteger(port) || port < 0 || port > 65535) return { error: `--port must be an integer from 0 to 65535, got "${value}"` };
    options.port = port;
  }
  return options;
}

async function main(): Promise<void> {
  const parsed = parseArgs(process.argv.slice(2));
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if ('error' in parsed) {
    process.stderr.write(`odoo-sandbox: ${parsed.error}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  // Handlers go in before the "listening" line: a supervisor may signal as soon as it reads it.
  let stopping = false;
  const sandboxReady = startOdooSandbox({ port: parsed.port, host: parsed.host });
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    sandboxReady.then((sandbox) => sandbox.close()).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const sandbox = await sandboxReady;
  if (!stopping) process.stdout.write(`listening on ${sandbox.url}\n`);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`odoo-sandbox: could not start: ${message}\n`);
  process.exitCode = 1;
});

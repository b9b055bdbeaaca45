/** A small, strict parser for `--name value` and `--flag` arguments: unknown options are errors. */
export class UsageError extends Error {}

export function parseArgs(argv: readonly string[], spec: { values: readonly string[]; flags: readonly string[] }): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (!arg.startsWith('--')) throw new UsageError(`Unexpected argument "${arg}".`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (spec.flags.includes(name)) {
      out[name] = true;
    } else if (spec.values.includes(name)) {
      const value = inline ?? argv[++index];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value.`);
      out[name] = value;
    } else {
      throw new UsageError(`Unknown option --${name}.`);
    }
  }
  return out;
}

export function intArg(args: Record<string, string | true>, name: string, fallback: number, min: number, max: number): number {
  const raw = args[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw === true || !Number.isInteger(value) || value < min || value > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}.`);
  return value;
}

export function stringArg(args: Record<string, string | true>, name: string): string | undefined {
  const raw = args[name];
  if (raw === true) throw new UsageError(`--${name} needs a value.`);
  return raw;
}

import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

export interface FormatIssuesOptions {
  /** Named for issues about the whole value (e.g. `body`, `query`); without it such issues show the message only. */
  root?: string;
  /** How many problems to spell out before "and N more". */
  max?: number;
}

/** `customer.phone`, `models[2].productCode`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

// zod's own wording for a missing field; "Required" says it better to a person reading a 400.
const MISSING = /^Invalid input: expected \w+, received undefined$/;

function describe(issue: Issue, root: string | undefined): string[] {
  const where = (path: readonly PropertyKey[]): string => formatPath(path) || root || '';
  const line = (path: readonly PropertyKey[], message: string): string => {
    const name = where(path);
    return name ? `${name}: ${message}` : message;
  };
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => line([...issue.path, key], 'Unknown field'));
  }
  const message = issue.code === 'invalid_type' && MISSING.test(issue.message) ? 'Required' : issue.message;
  return [line(issue.path, message)];
}

/**
 * One human message for a failed parse, naming every field path — the hub's `400 invalid_input` message,
 * e.g. `customer.phone: Invalid input; extra: Unknown field`. Never includes the offending value.
 */
export function formatIssues(error: { readonly issues: readonly Issue[] }, options: FormatIssuesOptions = {}): string {
  const max = options.max ?? 5;
  const lines = [...new Set(error.issues.flatMap((issue) => describe(issue, options.root)))];
  if (lines.length === 0) return 'Invalid input';
  const shown = lines.slice(0, max).join('; ');
  const rest = lines.length - max;
  return rest > 0 ? `${shown}; and ${rest} more` : shown;
}

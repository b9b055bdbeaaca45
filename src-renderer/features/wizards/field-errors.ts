import type { z } from 'zod';
import { formatPath } from '../../../src-shared/contract/format-issues';

export type FieldErrors = Record<string, string>;

// zod's wording for a missing value; "Required" reads better beside a field.
const MISSING = /^Invalid (input|option)/;

/** The first message per field path (`nextActivity.dueAt`), for inline errors under each field. */
export function fieldErrors(error: { readonly issues: readonly z.core.$ZodIssue[] }): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = formatPath(issue.path) || '_';
    if (errors[path]) continue;
    errors[path] = MISSING.test(issue.message) ? 'Required' : issue.message;
  }
  return errors;
}

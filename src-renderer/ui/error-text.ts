/** What a failed call says, as is: the hub's message (CrmError) or the error's own text. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

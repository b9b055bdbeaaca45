export const CALL_RESULTS = ['answered', 'no_answer', 'busy', 'voicemail', 'wrong_number'] as const;
export type CallResult = (typeof CALL_RESULTS)[number];

/** The call-log wizard's Call Result, in the documents' order and spelling. */
export const CALL_RESULT_LABELS: Record<CallResult, string> = {
  answered: 'Answered',
  no_answer: 'No Answer',
  busy: 'Busy',
  voicemail: 'Voicemail',
  wrong_number: 'Wrong Number',
};

export function isCallResult(value: unknown): value is CallResult {
  return typeof value === 'string' && (CALL_RESULTS as readonly string[]).includes(value);
}

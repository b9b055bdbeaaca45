/** The hub's chatter entry for a failed Mark as Won starts with these words (src-hub won-messages). */
export const WON_FAILED_PREFIX = 'Mark as Won failed';

/**
 * Whether a chatter error is a Won failure that a later success made moot: the lead now carries a Sales
 * Order, so every earlier "Mark as Won failed" entry was followed by the push that worked.
 */
export function isSupersededWonFailure(message: { kind: string; body: string }, dealerSoName: string | null): boolean {
  return dealerSoName !== null && message.kind === 'error' && message.body.startsWith(WON_FAILED_PREFIX);
}

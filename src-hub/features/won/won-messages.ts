import { capabilitiesOf, type Role } from '../../../src-shared/domain/roles';
import { WON_FAILED_PREFIX } from '../../../src-shared/domain/won-chatter';

/** The Won flow's texts: refusals and chatter entries, worded so a person knows what to do next. */

/**
 * The documents' phrase first (troubleshooting table), then the fix — told to the reader as what they can do:
 * only managers have Configuration.
 */
export function noWonStageMessage(role: Role): string {
  return capabilitiesOf(role).configure
    ? 'No won stage configured — fix via Configuration → Stages.'
    : 'No won stage configured — ask a manager to mark a stage as Won (Configuration → Stages).';
}

export function noLostStageMessage(role: Role): string {
  return capabilitiesOf(role).configure
    ? 'No lost stage configured — fix via Configuration → Stages.'
    : 'No lost stage configured — ask a manager to mark a stage as Lost (Configuration → Stages).';
}

export function noDealershipMessage(leadRef: string): string {
  return `Lead ${leadRef} has no dealership: Mark as Won cannot push the Sales Order. Set the lead's dealership first.`;
}

/** In minutes from now, not a clock time: the hub does not know the reader's time zone. */
export function wonInProgressMessage(expiresAt: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((expiresAt.getTime() - now.getTime()) / 60_000));
  const within = minutes === 1 ? 'a minute' : `${minutes} minutes`;
  return `Mark as Won is already in progress on this lead. Wait for it to finish (it gives up within ${within}), then try again if it failed.`;
}

export function foreignPushMessage(leadRef: string): string {
  return `This push id does not belong to a Mark as Won of lead ${leadRef}. Start Mark as Won again on this lead.`;
}

export function closedMeanwhileMessage(leadRef: string, soName: string, dealershipName: string): string {
  return `Lead ${leadRef} was closed meanwhile, so Sales Order ${soName} on ${dealershipName} was not recorded on it. Ask the dealership to cancel that order if it is not wanted.`;
}

export function soCreatedMessage(soName: string, dealershipName: string): string {
  return `Sales Order ${soName} created on ${dealershipName}`;
}

export function noManagerEmailMessage(dealershipName: string): string {
  return `Dealership manager not notified: no manager e-mail is set on ${dealershipName}.`;
}

export function mailerNotConfiguredMessage(to: string): string {
  return `Dealership manager not notified: mailer not configured (set SMTP_URL on the hub). The e-mail to ${to} waits in the mail outbox and is sent once a mailer is configured.`;
}

export function wonFailedMessage(error: { code: string; message: string }, stageName: string, dealershipName: string): string {
  return [
    `${WON_FAILED_PREFIX}: ${error.message} (${error.code})`,
    `The lead stays in ${stageName}; no Sales Order was recorded on it.`,
    `What to do: a manager runs Test Connection on dealership "${dealershipName}" (agents: ask a manager to), then try Mark as Won again.`,
  ].join('\n');
}

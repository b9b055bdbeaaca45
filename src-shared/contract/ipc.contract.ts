import { z } from 'zod';
import {
  createDealershipBodySchema,
  createIntakeKeyBodySchema,
  createStageBodySchema,
  createUserBodySchema,
  intakeKeyCreatedSchema,
  intakeKeyListSchema,
  mailOutboxPageSchema,
  mailOutboxQuerySchema,
  setUnclaimedAlertBodySchema,
  unclaimedAlertListSchema,
  patchDealershipBodySchema,
  patchStageBodySchema,
  patchUserBodySchema,
} from './config.schema';
import { activitySchema, callLogSchema, dealershipSchema, leadSchema, odooCompanySchema, messageSchema, stageListSchema, stageSchema, userSchema } from './entities.schema';
import { callLogPageSchema, callLogsQuerySchema } from './lead-work.schema';
import {
  assignLeadBodySchema,
  createLeadBodySchema,
  createLeadResponseSchema,
  leadPageSchema,
  leadsExportQuerySchema,
  leadsQuerySchema,
  markLostBodySchema,
  moveStageBodySchema,
  patchLeadBodySchema,
} from './leads.schema';
import { reassignmentSchema } from './reassignment.schema';
import { floorReportsSchema, reportQuerySchema } from './reports.schema';
import { FIELD_MAX, clientIdSchema, httpUrlSchema, idSchema, requiredText } from './fields.schema';
import type { Result } from './result';
import { patchWorkstationSettingsSchema, workstationSettingsSchema } from './settings.schema';
import { changeEventSchema } from './sync.schema';

/** Channels that take no argument: the renderer calls them with nothing. */
const noInput = z.undefined();

/** The workstation's machine-wide settings as the sign-in screen sees them (src-main/config/machine-config.ts). */
export const machineSetupInfoSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('provisioned'), hubName: z.string().max(FIELD_MAX.label), trainingAllowed: z.boolean() }),
  z.object({ kind: z.literal('invalid'), file: z.string().max(2000), problem: z.string().max(4000) }),
]);
export type MachineSetupInfo = z.infer<typeof machineSetupInfoSchema>;

/** An app update from the hub: being downloaded in the background, or ready for "Restart to update". */
export const updateStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('none') }),
  z.object({ status: z.literal('downloading'), version: z.string().max(FIELD_MAX.label), percent: z.number().min(0).max(100) }),
  z.object({ status: z.literal('ready'), version: z.string().max(FIELD_MAX.label) }),
]);
export type UpdateState = z.infer<typeof updateStateSchema>;

export const appInfoSchema = z.object({
  version: z.string().max(FIELD_MAX.label),
  platform: z.string().max(FIELD_MAX.label),
  /** Absent: not provisioned. */
  machine: machineSetupInfoSchema.optional(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** The hub address is typed by the user on the sign-in screen; without it main signs in to the hub it used last. */
export const signInInputSchema = z.strictObject({
  hubUrl: httpUrlSchema.optional(),
  /** Training mode on a workstation IT provisioned with a hub (where IT allows it). */
  training: z.literal(true).optional(),
  login: requiredText(FIELD_MAX.login),
  password: z.string().min(1, 'Must not be empty').max(FIELD_MAX.password),
});
export type SignInInput = z.infer<typeof signInInputSchema>;

/**
 * The signed-in session; `online` is false when the app opened read-only on its replica, `remembered` false
 * when this computer has no keychain to keep it encrypted: it then lasts until the app quits.
 */
export const sessionSchema = z.object({
  user: userSchema,
  hubUrl: httpUrlSchema,
  online: z.boolean(),
  remembered: z.boolean(),
  /** The workstation is locked (idle, the OS locked or slept, or the app restarted): only the person's password or sign-out. */
  locked: z.boolean(),
  /** Minutes without input before the app locks itself (a manager's setting on the hub). */
  idleLockMinutes: z.int().positive(),
});
export type Session = z.infer<typeof sessionSchema>;

/** Why a session ended without the user signing out: its shift-long lifetime ran out, or it was revoked. */
export const SESSION_END_REASONS = ['expired', 'revoked'] as const;
export const sessionChangedSchema = z.object({
  session: sessionSchema.nullable(),
  ended: z.enum(SESSION_END_REASONS).nullable(),
});
export type SessionChanged = z.infer<typeof sessionChangedSchema>;

export const OUTBOX_KINDS = ['note', 'call', 'activity'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export const outboxSendInputSchema = z.strictObject({
  kind: z.enum(OUTBOX_KINDS),
  leadId: idSchema,
  clientId: clientIdSchema,
  /** The request body of the hub endpoint, without clientId (main validates it with that endpoint's schema). */
  body: z.record(z.string(), z.unknown()),
});
export type OutboxSendInput = z.infer<typeof outboxSendInputSchema>;

/** An outbox item as it is kept for its person after their session (sealed by main, for them alone). */
export const keptOutboxItemSchema = outboxSendInputSchema.extend({
  status: z.enum(['pending', 'failed']),
  attempts: z.int().min(0),
  lastError: z.string().max(FIELD_MAX.errorMessage).nullable(),
  createdAt: z.string().max(64),
});
export type KeptOutboxItem = z.infer<typeof keptOutboxItemSchema>;

/** Whose outbox: one person on one hub, as in the replica's name. */
export const outboxOwnerSchema = z.strictObject({ hubUrl: z.string().min(1).max(FIELD_MAX.url), userId: idSchema });
export type OutboxOwnerInput = z.infer<typeof outboxOwnerSchema>;
/** A sealed outbox is a few kilobytes a note; a day's offline work stays far below this. */
export const SEALED_OUTBOX_MAX = 16 * 1024 * 1024;
export const KEPT_OUTBOX_MAX_ITEMS = 5000;

/** Mark as Won: the lead, now won, and the toast ("Sales Order S00012 created on Dealer"). */
export const markWonOutputSchema = z.object({
  lead: leadSchema,
  soName: z.string().max(FIELD_MAX.soName),
  dealershipName: z.string().max(FIELD_MAX.dealershipName),
  toast: z.string().max(FIELD_MAX.errorMessage),
});
export type MarkWonOutput = z.infer<typeof markWonOutputSchema>;

/**
 * Test Connection: one entry per thing Mark as Won needs (reachability and version, sign-in, the Odoo
 * company, the rights to create orders and contacts, the own-documents binding, each vehicle model), each
 * failing one saying what to change in the dealer's Odoo.
 */
export const connectionCheckSchema = z.object({
  id: z.string().max(FIELD_MAX.label),
  label: z.string().max(FIELD_MAX.errorMessage),
  ok: z.boolean(),
  message: z.string().max(FIELD_MAX.errorMessage),
});
export type ConnectionCheck = z.infer<typeof connectionCheckSchema>;

/** The checks, and the Odoo companies the integration user may use (empty when they could not be read), to choose from. */
export const testConnectionOutputSchema = z.object({
  checks: z.array(connectionCheckSchema),
  companies: z.array(odooCompanySchema),
});
export type TestConnectionOutput = z.infer<typeof testConnectionOutputSchema>;

/** The saga's steps (main's Won service), then main's pull that brings the won lead into this computer's replica. */
export const WON_SAGA_STEP_IDS = ['prepare', 'partner', 'order', 'confirm'] as const;
export const WON_STEP_IDS = [...WON_SAGA_STEP_IDS, 'sync'] as const;
export const WON_STEP_STATES = ['pending', 'running', 'done', 'failed'] as const;
export type WonStepId = (typeof WON_STEP_IDS)[number];
export type WonStepState = (typeof WON_STEP_STATES)[number];

/** The Won saga's step list, sent whole on every change (the renderer shows it as is). */
export const wonProgressSchema = z.object({
  leadId: idSchema,
  steps: z.array(z.object({ id: z.enum(WON_STEP_IDS), label: z.string().max(FIELD_MAX.errorMessage), state: z.enum(WON_STEP_STATES) })),
});
export type WonProgress = z.infer<typeof wonProgressSchema>;

export const leadDetailSchema = z.object({
  lead: leadSchema,
  messages: z.array(messageSchema),
  callLogs: z.array(callLogSchema),
  activities: z.array(activitySchema),
});
export type LeadDetail = z.infer<typeof leadDetailSchema>;

/** CSV export: where the file was written (null when the user cancelled the save dialog) and how many leads it holds. */
export const exportCsvOutputSchema = z.object({ path: z.string().max(FIELD_MAX.url).nullable(), rows: z.int().min(0) });
export type ExportCsvOutput = z.infer<typeof exportCsvOutputSchema>;

/** Stage order as the manager dragged it: every stage id once, first to last. */
export const reorderStagesInputSchema = z
  .strictObject({ stageIds: z.array(idSchema).min(1, 'Give the stages in their new order').max(200, 'At most 200 stages') })
  .refine((input) => new Set(input.stageIds).size === input.stageIds.length, { error: 'Each stage only once', path: ['stageIds'] });

const idInput = z.strictObject({ id: idSchema });

export interface IpcChannelSpec {
  input: z.ZodType;
  output: z.ZodType;
}

/**
 * Renderer → main calls, `feature:verb` (STYLE.md habit 4). Main parses every input with `input` before a
 * handler runs (the renderer is untrusted); every answer is a `Result` of `output`. The main-side handle()
 * and the preload API are derived from this map.
 */
export const IPC_CONTRACT = {
  'app:info': { input: noInput, output: appInfoSchema },
  'auth:sign-in': { input: signInInputSchema, output: userSchema },
  'auth:sign-out': { input: noInput, output: z.undefined() },
  /** Null when nobody is signed in on this workstation. */
  'auth:session': { input: noInput, output: sessionSchema.nullable() },
  /** The renderer's idle timer ran out: main locks unless a Won push runs (`locked` false then). */
  'auth:lock': { input: z.strictObject({ reason: z.literal('idle') }), output: z.object({ locked: z.boolean() }) },
  /** The locked person's password: checked by the hub when online, by the local verifier offline. */
  'auth:unlock': { input: z.strictObject({ password: z.string().min(1, 'Must not be empty').max(FIELD_MAX.password) }), output: z.object({}) },
  'leads:claim': { input: z.strictObject({ leadId: idSchema }), output: leadSchema },
  /** Pull from the hub now (F5); resolves once the pulled pages are applied. */
  'sync:pull': { input: noInput, output: z.object({}) },
  /** Ctrl+Shift+R: drop the replica and sync it again from the start. */
  'sync:rebuild': { input: noInput, output: z.object({}) },
  /**
   * Sends one outbox item (a note, call log or activity recorded in the renderer, possibly offline). The
   * clientId makes a repeat harmless; `hub_unreachable` means "keep it and retry", any other error is final.
   */
  'outbox:send': { input: outboxSendInputSchema, output: z.object({ id: idSchema }) },
  /**
   * What could not be sent when a person's session ends (sign-out, or found behind someone else's sign-in), sealed
   * with that person's public key on this workstation: only their own next sign-in opens it (`outbox:open-kept`).
   */
  'outbox:seal-kept': {
    input: z.strictObject({ owner: outboxOwnerSchema, items: z.array(keptOutboxItemSchema).min(1).max(KEPT_OUTBOX_MAX_ITEMS) }),
    output: z.object({ sealed: z.string().max(SEALED_OUTBOX_MAX) }),
  },
  /** Opens a kept outbox for the person signed in now (refused for anyone else's). */
  'outbox:open-kept': { input: z.strictObject({ sealed: z.string().min(1).max(SEALED_OUTBOX_MAX) }), output: z.object({ items: z.array(keptOutboxItemSchema) }) },
  /** Mark as Won (DESIGN.md §5): pushes the Sales Order to the dealer through the hub's relay; progress on `won:progress`. */
  'leads:mark-won': { input: z.strictObject({ leadId: idSchema }), output: markWonOutputSchema },
  /** Test Connection on a dealership (managers), each check with its own message. */
  'dealerships:test-connection': { input: z.strictObject({ dealershipId: idSchema }), output: testConnectionOutputSchema },
  /** The statusbar and the kanban drag: one step forward between open stages (the hub enforces it). */
  'leads:move-stage': { input: z.strictObject({ leadId: idSchema, ...moveStageBodySchema.shape }), output: leadSchema },
  'leads:mark-lost': { input: z.strictObject({ leadId: idSchema, ...markLostBodySchema.shape }), output: leadSchema },
  /** Supervisors and managers: reassign, take over, or return to the pool (null). */
  'leads:assign': { input: z.strictObject({ leadId: idSchema, ...assignLeadBodySchema.shape }), output: leadSchema },
  'leads:update': { input: z.strictObject({ leadId: idSchema, patch: patchLeadBodySchema }), output: leadSchema },
  'leads:create': { input: createLeadBodySchema, output: createLeadResponseSchema },
  /** A lead outside the replica (All Leads, older history), read from the hub with its chatter and work. */
  'leads:fetch': { input: z.strictObject({ leadId: idSchema }), output: leadDetailSchema },
  /** To whom and by whom a lead that left the user's replica was reassigned (only its previous holder is told). */
  'leads:reassignment': { input: z.strictObject({ leadId: idSchema }), output: reassignmentSchema },
  'activities:done': { input: z.strictObject({ activityId: idSchema }), output: activitySchema },
  /** Call Customer: the system dialer through main, `tel:` only. */
  'dialer:call': { input: z.strictObject({ phone: requiredText(FIELD_MAX.phone) }), output: z.object({}) },
  // ---- Supervisors and managers: queries the hub answers page by page (never loaded whole) -------------
  /** All Leads (and any other scope) with the hub's filters, sort and keyset cursor. */
  'leads:list': { input: leadsQuerySchema, output: leadPageSchema },
  /** CSV of the current All Leads filter, streamed from the hub into a file the user picks. */
  'leads:export-csv': { input: leadsExportQuerySchema, output: exportCsvOutputSchema },
  'call-logs:list': { input: callLogsQuerySchema, output: callLogPageSchema },
  /** Every floor report for one filter (the hub's SQL aggregates, fetched in parallel). */
  'reports:floor': { input: reportQuerySchema, output: floorReportsSchema },
  // ---- Configuration (managers; the hub refuses everyone else). Reads of stages, users, dealerships come from the replica.
  'stages:create': { input: createStageBodySchema, output: stageSchema },
  'stages:update': { input: z.strictObject({ id: idSchema, patch: patchStageBodySchema }), output: stageSchema },
  'stages:delete': { input: idInput, output: z.object({}) },
  /** Renumbers the stages' sequences in the given order (10, 20, …); answers the stages by their new sequence. */
  'stages:reorder': { input: reorderStagesInputSchema, output: stageListSchema },
  'dealerships:create': { input: createDealershipBodySchema, output: dealershipSchema },
  'dealerships:update': { input: z.strictObject({ id: idSchema, patch: patchDealershipBodySchema }), output: dealershipSchema },
  'users:create': { input: createUserBodySchema, output: userSchema },
  'users:update': { input: z.strictObject({ id: idSchema, patch: patchUserBodySchema }), output: userSchema },
  'intake-keys:list': { input: noInput, output: intakeKeyListSchema },
  /** The answer holds the key itself: the only time it is shown. */
  'intake-keys:create': { input: createIntakeKeyBodySchema, output: intakeKeyCreatedSchema },
  'intake-keys:revoke': { input: idInput, output: z.object({}) },
  'mail-outbox:list': { input: mailOutboxQuerySchema, output: mailOutboxPageSchema },
  /** Unclaimed-lead alert thresholds by brand (supervisors and managers read them; managers set them). */
  'unclaimed-alerts:list': { input: noInput, output: unclaimedAlertListSchema },
  'unclaimed-alerts:set': { input: setUnclaimedAlertBodySchema, output: unclaimedAlertListSchema },
  /** Shared workstations: session length and idle lock (every user reads; managers change). */
  'settings:get': { input: noInput, output: workstationSettingsSchema },
  'settings:update': { input: patchWorkstationSettingsSchema, output: workstationSettingsSchema },
  /** App updates from the hub: what is downloaded, and "Restart to update" (refused during a Won push). */
  'updates:state': { input: noInput, output: updateStateSchema },
  'updates:restart': { input: noInput, output: z.undefined() },
  /** A desktop notification (an activity fell due, an unclaimed lead waits past its brand's alert); clicking it focuses the window. */
  'notifications:show': {
    input: z.strictObject({ title: requiredText(FIELD_MAX.label), body: z.string().max(FIELD_MAX.activitySummary), leadId: idSchema }),
    output: z.object({}),
  },
} as const satisfies Record<`${string}:${string}`, IpcChannelSpec>;

export type IpcContract = typeof IPC_CONTRACT;
export type IpcChannel = keyof IpcContract;
export const IPC_CHANNELS = Object.keys(IPC_CONTRACT) as IpcChannel[];

/** What the renderer passes (before parsing: defaults may be omitted). */
export type IpcInput<C extends IpcChannel> = z.input<IpcContract[C]['input']>;
/** What a main-side handler receives, after parsing. */
export type IpcParsedInput<C extends IpcChannel> = z.output<IpcContract[C]['input']>;
export type IpcOutput<C extends IpcChannel> = z.output<IpcContract[C]['output']>;
/** What `ipcRenderer.invoke` resolves to: errors cross the boundary as data. */
export type IpcResult<C extends IpcChannel> = Result<IpcOutput<C>>;

export function isIpcChannel(name: string): name is IpcChannel {
  return Object.hasOwn(IPC_CONTRACT, name);
}

export const CONNECTION_STATES = ['online', 'reconnecting', 'offline', 'update_required'] as const;

export const connectionStateSchema = z.object({
  online: z.boolean(),
  /**
   * online: the event stream is open; reconnecting: it dropped and is being reopened; offline: the hub is out of
   * reach; update_required: the hub no longer serves this app version (426), only an update helps.
   */
  state: z.enum(CONNECTION_STATES),
  hubUrl: httpUrlSchema.nullable(),
});

/** First-sync progress for the renderer's progress bar. */
export const syncProgressSchema = z.object({
  pages: z.int().min(0),
  leads: z.int().min(0),
  done: z.boolean(),
});
export type SyncProgressEvent = z.infer<typeof syncProgressSchema>;
export type ConnectionState = z.infer<typeof connectionStateSchema>;

/**
 * Main → renderer events. `sync:changed` carries the hub's change event (the renderer's live queries refresh
 * from the replica; the cursor is informational); `connection:state` reports online/offline.
 */
export const IPC_EVENTS = {
  'sync:changed': changeEventSchema,
  'connection:state': connectionStateSchema,
  'sync:progress': syncProgressSchema,
  'won:progress': wonProgressSchema,
  'auth:session-changed': sessionChangedSchema,
  'updates:changed': updateStateSchema,
} as const satisfies Record<`${string}:${string}`, z.ZodType>;

export type IpcEventName = keyof typeof IPC_EVENTS;
export const IPC_EVENT_NAMES = Object.keys(IPC_EVENTS) as IpcEventName[];
export type IpcEventPayload<E extends IpcEventName> = z.output<(typeof IPC_EVENTS)[E]>;

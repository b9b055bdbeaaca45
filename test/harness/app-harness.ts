import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CRM_EVENTS, CRM_METHODS, type ReplicaOperation } from '../../src-shared/contract/crm-api';
import type { IpcEventName, IpcEventPayload } from '../../src-shared/contract/ipc.contract';
import type { SyncPage } from '../../src-shared/contract/sync.schema';
import { MainCore, type MainCoreOptions } from '../../src-main/core/main-core';
import { createIpcDispatcher } from '../../src-main/ipc/ipc-dispatcher';
import { trustOrigins } from '../../src-main/security/trusted-sender';
import { FileSecretStore, type SecretCipher } from '../../src-main/session/secret-store';
import { ReadySignal } from '../../src-main/sync/ready-signal';
import type { ReplicaPort } from '../../src-main/sync/sync-driver';
import { ANSWER_PARCEL_ABOVE_CHARS, PARCEL_ABOVE_CHARS, postParcel } from './parcels';

/** A stand-in for safeStorage under Node: AES-256-GCM with a per-run key. */
export function testCipher(key = randomBytes(32)): SecretCipher {
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), data]);
    },
    decrypt(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * Builds `window.crm` in the page from the same method and event maps as the preload: every method calls
 * the one exposed binding, which runs main's dispatcher (sender check + contract validation).
 */
function installCrm(maps: { methods: Record<string, string>; events: Record<string, string> }): void {
  const w = globalThis as unknown as Record<string, unknown> & {
    __crmInvoke: (channel: string, input: unknown) => Promise<unknown>;
    __crmReplicaReady: (ready: boolean) => Promise<void>;
    __crmReadParcel: (path: string) => Promise<string>;
  };
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api: Record<string, unknown> = {};
  // A parcel's text (parcels.ts), read with XMLHttpRequest, which decodes it as it arrives: a fetch's text() waits
  // for the whole body and decodes it then (a 3.7 MB page on loopback: 93-123 ms against 126-161 in Chromium 156;
  // bench:sync's machine CPU for the first sync 7.0-7.6 → 6.3-6.4 CPU-s). Also used by replicaCall's page function.
  type Xhr = { open(method: string, url: string): void; send(): void; status: number; responseText: string; onload: (() => void) | null; onerror: (() => void) | null };
  w.__crmReadParcel = (path: string) =>
    new Promise<string>((resolve, reject) => {
      const request = new (globalThis as unknown as { XMLHttpRequest: new () => Xhr }).XMLHttpRequest();
      request.open('GET', path);
      request.onload = () => (request.status === 200 ? resolve(request.responseText) : reject(new Error(`The harness lost the parcel ${path} (${request.status}).`)));
      request.onerror = () => reject(new Error(`The parcel ${path} could not be read.`));
      request.send();
    });
  // A large answer (a page of leads) comes back as a parcel to fetch (answerOf). No named function in this page
  // function (the reader above is assigned, not declared): under tsx one would be wrapped in a helper the page does
  // not have.
  for (const [name, channel] of Object.entries(maps.methods)) {
    api[name] = async (input?: unknown) => {
      const answer = await w.__crmInvoke(channel, input);
      const parcel = answer !== null && typeof answer === 'object' ? (answer as { __parcel?: unknown }).__parcel : undefined;
      if (typeof parcel !== 'string') return answer;
      return JSON.parse(await w.__crmReadParcel(parcel)) as unknown;
    };
  }
  for (const [name, event] of Object.entries(maps.events)) {
    api[name] = (listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    };
  }
  api['serveReplica'] = (replica: unknown) => {
    w['__crmReplica'] = replica;
    void w.__crmReplicaReady(true);
    return () => {
      if (w['__crmReplica'] === replica) {
        w['__crmReplica'] = undefined;
        void w.__crmReplicaReady(false);
      }
    };
  };
  w['__crmEmit'] = (event: string, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload));
  w['crm'] = Object.freeze(api);
}

export interface AppHandle {
  page: Page;
  context: BrowserContext;
  core: MainCore;
  userDataDir: string;
  /** The session store's cipher: reuse it (with the context and folder) to restart the same app. */
  cipher: SecretCipher;
  /** Closes the window and main, keeping the user-data folder and the browser profile (for a restart). */
  close(): Promise<void>;
}

export interface OpenAppOptions {
  browser: Browser;
  rendererOrigin: string;
  /** Reuse a context to keep IndexedDB across an app restart. */
  context?: BrowserContext;
  userDataDir?: string;
  cipher?: SecretCipher;
  core?: Partial<Pick<MainCoreOptions, 'periodicPullMs' | 'defaultHubUrl' | 'eventBackoffMs' | 'hubClient' | 'won' | 'openExternal' | 'notify' | 'machine' | 'updater'>>;
  /** Sees every main → renderer event as main sends it (benchmarks time sync with it). */
  onEmit?: (event: IpcEventName, payload: unknown) => void;
  /** Benchmarks inject Dexie into the page for their raw baseline. */
  bypassCsp?: boolean;
}

/** One desktop app: a browser page for the renderer and a MainCore in this process standing in for main. */
export async function openApp(options: OpenAppOptions): Promise<AppHandle> {
  const context = options.context ?? (await options.browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: options.bypassCsp ?? false }));
  const page = await context.newPage();
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'bpo-crm-app-'));
  const cipher = options.cipher ?? testCipher();
  const ready = new ReadySignal();
  let closed = false;
  const replica: ReplicaPort = {
    cursor: async () => ((await replicaCall(page, ready, 'cursor')) as string | null) ?? null,
    apply: async (syncPage: SyncPage, after: string | null) => void (await replicaCall(page, ready, 'apply', syncPage, after)),
    reset: async () => void (await replicaCall(page, ready, 'reset')),
  };
  const emit = <E extends IpcEventName>(event: E, payload: IpcEventPayload<E>) => {
    options.onEmit?.(event, payload);
    void page.evaluate(([name, data]) => (globalThis as unknown as { __crmEmit?: (e: string, p: unknown) => void }).__crmEmit?.(name, data), [event, payload] as const).catch(() => undefined);
  };
  const core = new MainCore({
    appInfo: { version: 'harness', platform: process.platform },
    sessionStore: new FileSecretStore(join(userDataDir, 'session.bin'), cipher),
    replica,
    emit,
    periodicPullMs: 0,
    eventBackoffMs: [200, 500, 1000],
    hubClient: { timeoutMs: 5000, retryDelaysMs: [100] },
    // A pull still running when the test closes the window fails against the closed page: that is the close's echo.
    logError: (message, error) => void (closed || console.error(`[harness main] ${message}`, error)),
    // Won reports kept for later live in the user-data folder, as in the app: they survive a restart.
    won: { journalPath: join(userDataDir, 'won-journal.json') },
    outboxKeysPath: join(userDataDir, 'outbox-keys.json'),
    // As the app does at its sign-in screen (sooner: a test signs in sooner than a person).
    warmUpAfterMs: 300,
    // The save dialog's stand-in: exports land in the app's user-data folder.
    chooseSavePath: async (name) => join(userDataDir, name),
    ...options.core,
  });
  const dispatch = createIpcDispatcher(core.handlers, { isTrustedSender: trustOrigins({ httpOrigin: options.rendererOrigin }), logError: (channel, error) => console.error(channel, error) });
  await page.exposeBinding('__crmInvoke', async (source, channel: string, input: unknown) => answerOf(await dispatch(channel, input, source.frame.url())));
  await page.exposeBinding('__crmReplicaReady', (_source, isReady: boolean) => ready.set(isReady));
  await page.addInitScript(installCrm, { methods: { ...CRM_METHODS }, events: { ...CRM_EVENTS } });
  await core.start();
  await page.goto(`${options.rendererOrigin}/`);
  return {
    page,
    context,
    core,
    userDataDir,
    cipher,
    async close() {
      closed = true;
      core.stop();
      await page.close();
    },
  };
}

/**
 * What a method call hands back to the page: the dispatcher's answer itself, or, when its JSON is large (a page
 * of All Leads or Call Logs, a report), a parcel the page fetches (parcels.ts). Electron's IPC clones a 50-lead
 * page in well under a millisecond; the debugging protocol took 15-20 ms for it, inside every figure of
 * bench:all-leads. The answers are JSON from the hub, so the JSON round trip hands over the same values.
 */
function answerOf(answer: unknown): unknown {
  const json = JSON.stringify(answer);
  return json !== undefined && json.length > ANSWER_PARCEL_ABOVE_CHARS ? { __parcel: postParcel(json) } : answer;
}

async function replicaCall(page: Page, ready: ReadySignal, op: ReplicaOperation, syncPage?: SyncPage, after?: string | null): Promise<unknown> {
  await ready.wait(30_000);
  // A large sync page (up to megabytes) travels as a parcel the page fetches from its own origin, not as an argument
  // of the debugging protocol, which costs several times what Electron's IPC does (parcels.ts); a small one (a change
  // page) as the argument, which is quicker than the extra request. Either way the page gets the JSON text, as
  // Electron's bridge hands it over (RendererReplica.apply parses it).
  const json = syncPage === undefined ? undefined : JSON.stringify(syncPage);
  const parcel = json !== undefined && json.length > PARCEL_ABOVE_CHARS ? postParcel(json) : undefined;
  return page.evaluate(
    async ([operation, inline, parcel, after]) => {
      type Replica = { apply(request: { json: string; after: string | null }): Promise<void>; cursor(): Promise<unknown>; reset(): Promise<void> };
      const w = globalThis as unknown as { __crmReplica?: Replica; __crmApplyTurn?: Promise<unknown>; __crmReadParcel: (path: string) => Promise<string> };
      if (operation !== 'apply') {
        if (!w.__crmReplica) throw new Error('The replica is not open.');
        return w.__crmReplica[operation as 'cursor' | 'reset']();
      }
      // Electron's IPC hands pages over in the order main sends them, and the replica applies them in the order
      // of its calls: the parcels are fetched at once, the calls are made one after the other.
      const text = parcel !== undefined ? w.__crmReadParcel(parcel) : Promise.resolve(inline as string);
      const turn = (w.__crmApplyTurn ?? Promise.resolve()).then(async () => {
        const json = await text;
        if (!w.__crmReplica) throw new Error('The replica is not open.');
        return { applied: w.__crmReplica.apply({ json, after: after ?? null }) };
      });
      w.__crmApplyTurn = turn.catch(() => undefined);
      return (await turn).applied;
    },
    [op, parcel === undefined ? json : undefined, parcel, after] as const,
  );
}

import { buildCrmApi, type RendererReplica } from '../../../src-shared/contract/crm-api';

/**
 * `window.crm` in the browser shell: what the preload is in the app, over the shell's loopback bridge instead
 * of IPC. Runs before the renderer's bundle. The token arrives once in the address's fragment (never sent in a
 * request) and is kept for this tab only; calls carry it as a bearer token.
 */

const TOKEN_KEY = 'bpo-crm-shell-token';
const BRIDGE = '/__crm';

function takeToken(): string {
  const fragment = /(?:^#|&)shell-token=([\w-]+)/.exec(location.hash)?.[1];
  if (fragment) {
    sessionStorage.setItem(TOKEN_KEY, fragment);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const token = takeToken();
const authorized = { authorization: `Bearer ${token}` };
const listeners = new Map<string, Set<(payload: unknown) => void>>();
let replica: RendererReplica | null = null;
let streamId: number | null = null;
let replicaWanted = false;

async function post(route: string, body: unknown): Promise<Response> {
  return fetch(`${BRIDGE}${route}`, { method: 'POST', headers: { ...authorized, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function invoke(channel: string, input: unknown): Promise<unknown> {
  const response = await post('/invoke', { channel, input });
  if (response.ok) return response.json();
  return { ok: false, error: { code: 'forbidden_sender', message: `The app's local connection refused this page (${response.status}). Start the app again with npm start.` } };
}

async function announceReplica(): Promise<void> {
  if (streamId !== null) await post('/replica-ready', { streamId, ready: replicaWanted });
}

async function runReplica(line: { id: number; op: keyof RendererReplica; arg?: unknown }): Promise<void> {
  try {
    if (!replica) throw new Error('The replica is not open.');
    const value = line.op === 'apply' ? await replica.apply(line.arg as Parameters<RendererReplica['apply']>[0]) : await replica[line.op]();
    await post('/replica', { id: line.id, ok: true, value });
  } catch (error) {
    await post('/replica', { id: line.id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
}

function handle(text: string): void {
  const line = JSON.parse(text) as { type: string; streamId?: number; event?: string; payload?: unknown; id?: number; op?: keyof RendererReplica; arg?: unknown };
  if (line.type === 'hello' && typeof line.streamId === 'number') {
    streamId = line.streamId;
    void announceReplica();
  } else if (line.type === 'event' && line.event) {
    listeners.get(line.event)?.forEach((listener) => listener(line.payload));
  } else if (line.type === 'replica' && typeof line.id === 'number' && line.op) {
    void runReplica({ id: line.id, op: line.op, arg: line.arg });
  }
}

/** Main's events and replica questions, one JSON line each; reconnects while the shell runs. */
async function listenToMain(): Promise<void> {
  for (;;) {
    try {
      const response = await fetch(`${BRIDGE}/stream`, { headers: authorized });
      if (!response.ok || !response.body) throw new Error(String(response.status));
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffered += value;
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) if (line) handle(line);
      }
    } catch {
      // The shell stopped or restarted: try again shortly.
    }
    streamId = null;
    await new Promise((wake) => setTimeout(wake, 1000));
  }
}

(globalThis as unknown as { crm: unknown }).crm = Object.freeze(
  buildCrmApi({
    invoke: (channel, input) => invoke(channel, input),
    listen: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    serveReplica: (served) => {
      replica = served;
      replicaWanted = true;
      void announceReplica();
      return () => {
        if (replica !== served) return;
        replica = null;
        replicaWanted = false;
        void announceReplica();
      };
    },
  }),
);
void listenToMain();

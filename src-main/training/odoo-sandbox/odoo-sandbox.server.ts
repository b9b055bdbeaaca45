import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { FaultState, type SandboxFaults } from './fault-injector';
import { handleJsonRpcRequest } from './jsonrpc-http';
import { LoginLimiter } from './login-limiter';
import type { SandboxState } from './rpc-dispatch';
import { createSandboxInspect, type SandboxInspect } from './sandbox-inspect';
import { createSandboxDatabase } from './sandbox-seed';
import type { Clock } from './sandbox-store';
import { DEFAULT_VEHICLE_PRODUCTS, SANDBOX_DATABASE, type SandboxProductSeed } from './seed-data';

/**
 * A stand-in for a dealership's Odoo 18 server: its external `/jsonrpc` endpoint, XML-RPC on `/xmlrpc/2/*`
 * and `/web/webclient/version_info` over real HTTP, with data in memory and the dealer's access rights,
 * record rules and companies. Used by training mode and by tests; the fault controls live on the returned
 * handle only.
 */

export interface OdooSandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** The vehicle-model products of the `sandbox` database. */
  products?: readonly SandboxProductSeed[];
  clock?: Clock;
  /** Whether `res.partner` has `mobile` (18.0, the default) or not (18.2 and later). */
  partnerMobile?: boolean;
  /**
   * The fault controls (tests and development). Training mode in the shipped app turns them off: every
   * control then throws, so nothing can make a trainee's dealer misbehave.
   */
  faultInjection?: boolean;
}

export interface OdooSandbox {
  /** Base URL, e.g. `http://127.0.0.1:8069`. */
  url: string;
  /** The JSON-RPC endpoint: `${url}/jsonrpc`. */
  endpoint: string;
  port: number;
  close(): Promise<void>;
  faults: SandboxFaults;
  inspect: SandboxInspect;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

export async function startOdooSandbox(options: OdooSandboxOptions = {}): Promise<OdooSandbox> {
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? Date.now;
  const products = options.products ?? DEFAULT_VEHICLE_PRODUCTS;
  const state: SandboxState = {
    databases: new Map(),
    limiter: new LoginLimiter(clock),
    faults: new FaultState(),
    clock,
    calls: [],
    checked: new Set(),
  };
  const reseed = (): void => {
    state.databases.clear();
    state.checked.clear();
    state.databases.set(SANDBOX_DATABASE, createSandboxDatabase(SANDBOX_DATABASE, clock, { products, partnerMobile: options.partnerMobile ?? true }));
  };
  reseed();

  const sockets = new Set<Socket>();
  const pendingWaits = new Set<() => void>();
  const hooks = {
    wait: (ms: number): Promise<boolean> =>
      new Promise<boolean>((resolve) => {
        const cancel = (): void => {
          clearTimeout(timer);
          pendingWaits.delete(cancel);
          resolve(false);
        };
        const timer = setTimeout(() => {
          pendingWaits.delete(cancel);
          resolve(true);
        }, ms);
        pendingWaits.add(cancel);
      }),
  };

  const server = createServer((req, res) => {
    handleJsonRpcRequest(state, hooks, req, res).catch(() => {
      // A bug in the sandbox itself: end the exchange rather than leave the client hanging.
      res.socket?.destroy();
    });
  });
  server.on('connection', (socket) => {
    if (state.faults.connectionMode === 'reset') {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const port = await listen(server, options.port ?? 0, host);
  const stopListening = (): Promise<void> =>
    new Promise((resolve) => {
      for (const cancel of [...pendingWaits]) cancel();
      if (!server.listening) {
        for (const socket of sockets) socket.destroy();
        resolve();
        return;
      }
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  let closed = false;
  const ensureListening = async (): Promise<void> => {
    if (!closed && !server.listening) await listen(server, port, host);
  };

  const faults: SandboxFaults = {
    refuseConnections: async () => {
      state.faults.connectionMode = 'refuse';
      await stopListening();
    },
    resetConnections: async () => {
      await ensureListening();
      state.faults.connectionMode = 'reset';
    },
    acceptConnections: async () => {
      state.faults.connectionMode = 'accept';
      await ensureListening();
    },
    delayAnswers: (ms) => {
      state.faults.delayMs = ms;
    },
    answerHttpError: (status, answerOptions) => {
      state.faults.httpError = status === null ? null : { status, perform: answerOptions?.perform ?? false };
    },
    failCall: ({ name, message, ...matcher }) => state.faults.arm(matcher, { kind: 'fail', name, message }),
    dropAnswer: (matcher) => state.faults.arm(matcher, { kind: 'drop' }),
    expireApiKey: (key) => {
      for (const db of state.databases.values()) {
        for (const user of db.users) {
          for (const apiKey of user.apiKeys) if (apiKey.key === key) apiKey.expiresAt = clock();
        }
      }
      state.checked.clear();
    },
    clear: async () => {
      state.faults.clear();
      await ensureListening();
    },
  };

  if (options.faultInjection === false) disableFaults(faults);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    endpoint: `${url}/jsonrpc`,
    port,
    close: () => {
      closed = true;
      return stopListening();
    },
    faults,
    inspect: createSandboxInspect(state, reseed),
  };
}

function disableFaults(faults: SandboxFaults): void {
  for (const name of Object.keys(faults) as Array<keyof SandboxFaults>) {
    (faults as unknown as Record<string, () => never>)[name] = () => {
      throw new Error(`Fault injection (${name}) is disabled in this sandbox: it exists only in tests and development.`);
    };
  }
}

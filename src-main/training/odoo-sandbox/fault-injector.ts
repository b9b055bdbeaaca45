/**
 * Faults the sandbox can be told to produce, for tests and development only. They are controlled through
 * methods on the handle `startOdooSandbox` returns; nothing over HTTP can switch them on.
 */

export interface CallMatcher {
  model: string;
  method: string;
  /** Which matching call, counted from when the fault is armed; 1 = the next one. */
  nth?: number;
}

export interface FailCallSpec extends CallMatcher {
  /** Odoo's exception class path, e.g. `odoo.exceptions.ValidationError`. */
  name: string;
  message: string;
}

export type HttpFaultStatus = 502 | 503 | 504;

export interface SandboxFaults {
  /** Stop listening: new connections are refused (ECONNREFUSED) and open ones are closed. */
  refuseConnections(): Promise<void>;
  /** Keep listening but close every new connection at once, before reading the request. */
  resetConnections(): Promise<void>;
  /** Undo `refuseConnections` / `resetConnections`. */
  acceptConnections(): Promise<void>;
  /** Perform each call, then hold its answer for `ms` (null: answer at once). */
  delayAnswers(ms: number | null): void;
  /** Answer every request with this HTTP status, as a proxy does when the worker dies; `perform` runs the call first. */
  answerHttpError(status: HttpFaultStatus | null, options?: { perform?: boolean }): void;
  /** Fail the n-th matching `execute_kw` call with this Odoo error, without performing it. */
  failCall(spec: FailCallSpec): void;
  /** Perform the n-th matching `execute_kw` call (it commits), then destroy the socket without answering. */
  dropAnswer(spec: CallMatcher): void;
  /** Make an API key expired from now on (Odoo 18 keys can expire). */
  expireApiKey(key: string): void;
  /** Remove every fault and accept connections again. */
  clear(): Promise<void>;
}

export type CallFaultAction = { kind: 'fail'; name: string; message: string } | { kind: 'drop' };

interface ArmedFault {
  matcher: CallMatcher;
  action: CallFaultAction;
  seen: number;
}

/** The fault switches the HTTP layer and the dispatcher consult on every request. */
export class FaultState {
  connectionMode: 'accept' | 'reset' | 'refuse' = 'accept';
  delayMs: number | null = null;
  httpError: { status: HttpFaultStatus; perform: boolean } | null = null;
  private armed: ArmedFault[] = [];

  arm(matcher: CallMatcher, action: CallFaultAction): void {
    const nth = matcher.nth ?? 1;
    if (!Number.isInteger(nth) || nth < 1) throw new RangeError(`nth must be a positive integer, got ${nth}`);
    this.armed.push({ matcher: { ...matcher, nth }, action, seen: 0 });
  }

  /** Counts this call against every armed fault and returns the one it triggers, if any. */
  onObjectCall(model: string, method: string): CallFaultAction | null {
    let triggered: CallFaultAction | null = null;
    for (const fault of this.armed) {
      if (fault.matcher.model !== model || fault.matcher.method !== method) continue;
      fault.seen += 1;
      if (fault.seen === fault.matcher.nth && triggered === null) triggered = fault.action;
    }
    this.armed = this.armed.filter((fault) => fault.seen < (fault.matcher.nth ?? 1));
    return triggered;
  }

  clear(): void {
    this.connectionMode = 'accept';
    this.delayMs = null;
    this.httpError = null;
    this.armed = [];
  }
}

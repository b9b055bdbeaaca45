import { formatIssues } from '../../src-shared/contract/format-issues';
import { IPC_CONTRACT, isIpcChannel, type IpcChannel, type IpcOutput, type IpcParsedInput } from '../../src-shared/contract/ipc.contract';
import type { Result } from '../../src-shared/contract/result';
import { AppFailure } from './app-failure';

export type IpcHandlers = { [C in IpcChannel]: (input: IpcParsedInput<C>) => Promise<IpcOutput<C>> };

export interface DispatcherOptions {
  /** Is this frame URL the app's own renderer? (file:// of the packaged app, or the dev/test server). */
  isTrustedSender: (frameUrl: string) => boolean;
  /** Unknown failures are logged where they happened and cross as `internal`. */
  logError: (channel: string, error: unknown) => void;
}

export type IpcDispatch = (channel: string, input: unknown, senderUrl: string) => Promise<Result<unknown>>;

/**
 * The one entry for renderer → main calls: checks the sender frame, parses the argument with the channel's
 * schema and answers a Result. A refused call never reaches a handler.
 */
export function createIpcDispatcher(handlers: IpcHandlers, options: DispatcherOptions): IpcDispatch {
  return async (channel, input, senderUrl) => {
    if (!options.isTrustedSender(senderUrl)) {
      return { ok: false, error: { code: 'forbidden_sender', message: `Refused a call to ${channel} from ${senderUrl || 'an unknown frame'}: not the app's own window.` } };
    }
    if (!isIpcChannel(channel)) return { ok: false, error: { code: 'invalid_input', message: `Unknown channel ${channel}.` } };
    const parsed = IPC_CONTRACT[channel].input.safeParse(input);
    if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: `Invalid ${channel} input: ${formatIssues(parsed.error)}` } };
    try {
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof AppFailure) return { ok: false, error: error.appError };
      options.logError(channel, error);
      return { ok: false, error: { code: 'internal', message: 'Something went wrong in the app. Try again; if it keeps happening, restart the app.' } };
    }
  };
}

import type { CrmApi } from '../../src-shared/contract/crm-api';
import type { AppError } from '../../src-shared/contract/errors';
import type { Result } from '../../src-shared/contract/result';

declare global {
  interface Window {
    /** Exposed by the preload (Electron) or the test harness; the only way to main. */
    crm: CrmApi;
  }
}

/** The only module that touches window.crm. */
export function crm(): CrmApi {
  return window.crm;
}

/** A failed call as an Error that keeps the code and the message to show. */
export class CrmError extends Error {
  constructor(readonly appError: AppError) {
    super(appError.message);
  }
}

export async function call<T>(result: Promise<Result<T>>): Promise<T> {
  const answer = await result;
  if (!answer.ok) throw new CrmError(answer.error);
  return answer.value;
}

import type { AppError, ErrorCode } from '../../src-shared/contract/errors';

/** A refusal with a code and a message a person can act on; crosses to the renderer as a Result error. */
export class AppFailure extends Error {
  constructor(readonly appError: AppError) {
    super(appError.message);
  }

  static of(code: ErrorCode, message: string): AppFailure {
    return new AppFailure({ code, message });
  }
}

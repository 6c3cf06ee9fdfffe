// One closed list of error codes, mapped to HTTP status in one place, one body shape:
// { error: { code, message, requestId, reason?, problems? } }. Messages are plain Norwegian
// (Bokmål): the people reading them are principals and teachers.
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const errorStatus = {
  VALIDATION_FAILED: 400,
  INVALID_DATE: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  TRANSITION_REFUSED: 409,
  DELAY_REASON_REQUIRED: 422,
  PLAN_INVALID: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof errorStatus;

export interface Problem {
  field: string;
  code?: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems?: readonly Problem[],
    /** A domain code (e.g. PUPIL_NOT_HEARD) when the refusal comes from a rule in libs/domain. */
    readonly reason?: string,
  ) {
    super(message);
  }

  get status(): ContentfulStatusCode {
    return errorStatus[this.code];
  }
}

export function errorBody(error: ApiError, requestId: string) {
  return {
    error: {
      code: error.code,
      message: error.message,
      requestId,
      ...(error.reason ? { reason: error.reason } : {}),
      ...(error.problems ? { problems: [...error.problems] } : {}),
    },
  };
}

export const notFound = (what: string) => new ApiError('NOT_FOUND', `Fant ikke ${what}.`);
export const forbidden = (message = 'Du har ikke tilgang til dette.') => new ApiError('FORBIDDEN', message);

/** A 400 about one field of the request. */
export const invalidField = (field: string, message: string) =>
  new ApiError('VALIDATION_FAILED', `${field}: ${message}`, [{ field, message }]);

export const invalidDate = (field: string, message: string) =>
  new ApiError('INVALID_DATE', message, [{ field, code: 'invalid_date', message }]);

/** The SQLSTATE of a database error (drizzle wraps the driver's error in `cause`). */
export function sqlState(error: unknown): { code?: string; constraint?: string } {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth += 1) {
    const candidate = e as { code?: unknown; constraint_name?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      const constraint = candidate.constraint_name ?? candidate.constraint;
      return { code: candidate.code, ...(typeof constraint === 'string' ? { constraint } : {}) };
    }
    e = candidate.cause;
  }
  return {};
}

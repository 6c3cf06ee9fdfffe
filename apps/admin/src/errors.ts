// What went wrong, as the user should read it. The API answers every error with
// { error: { code, message, requestId, reason?, problems?: [{ field, message }] } } in plain
// Bokmål: that `message` is shown as it is, and each problem next to the field it names.
// Errors that never reached the API (network down, a proxy's HTML page) get our own words.
import type { Dictionary } from './i18n';

export interface FieldProblem {
  field: string;
  message: string;
}

/** Codes the web app makes up itself, for failures with no API error body. */
export type LocalErrorCode = 'NETWORK' | 'BAD_RESPONSE' | 'UNKNOWN';

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    /** The API's error code (VALIDATION_FAILED, TRANSITION_REFUSED, …) or a local one. */
    readonly code: string,
    message: string,
    readonly problems: readonly FieldProblem[] = [],
    readonly requestId?: string,
    /** The domain's refusal code (DELAY_REASON_REQUIRED, PUPIL_NOT_HEARD, …). */
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'ApiProblem';
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads an error response body (already JSON-parsed, or null when it was not JSON). */
export function problemFromResponse(status: number, body: unknown): ApiProblem {
  const error = isRecord(body) && isRecord(body['error']) ? body['error'] : null;
  if (!error || typeof error['message'] !== 'string' || typeof error['code'] !== 'string') {
    // Not the API's shape: a proxy error page, an empty 502, a dev server without the API.
    return new ApiProblem(status, status === 502 || status === 503 || status === 504 ? 'NETWORK' : 'UNKNOWN', '');
  }
  const problems = Array.isArray(error['problems'])
    ? error['problems'].filter(isRecord).flatMap((p) =>
        typeof p['message'] === 'string' ? [{ field: typeof p['field'] === 'string' ? p['field'] : '', message: p['message'] }] : [],
      )
    : [];
  return new ApiProblem(
    status,
    error['code'],
    error['message'],
    problems,
    typeof error['requestId'] === 'string' && error['requestId'] ? error['requestId'] : undefined,
    typeof error['reason'] === 'string' ? error['reason'] : undefined,
  );
}

/** Anything thrown while talking to the API, as an ApiProblem. */
export function toProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  // fetch rejects with a TypeError when the network is down or the request was blocked.
  if (error instanceof TypeError) return new ApiProblem(0, 'NETWORK', '');
  return new ApiProblem(0, 'UNKNOWN', '');
}

/** The main message to show: the API's own words, or ours when the API gave none. */
export function describeProblem(problem: ApiProblem, t: Pick<Dictionary, 'errorNetwork' | 'errorBadResponse' | 'errorUnknown'>): string {
  if (problem.message) return problem.message;
  if (problem.code === 'NETWORK') return t.errorNetwork;
  if (problem.code === 'BAD_RESPONSE') return t.errorBadResponse;
  return t.errorUnknown;
}

export interface SplitProblems {
  /** Messages per form field (the field's name in the request body). */
  byField: Record<string, string[]>;
  /** Problems naming no field of this form: shown with the main message, never dropped. */
  other: FieldProblem[];
}

/**
 * Sorts the API's problems onto the form's fields. A nested path ('reasons.0') belongs to its
 * first segment when that is a field of the form.
 */
export function splitProblems(problem: ApiProblem | null, fields: readonly string[]): SplitProblems {
  const byField: Record<string, string[]> = {};
  const other: FieldProblem[] = [];
  for (const p of problem?.problems ?? []) {
    const field = fields.includes(p.field) ? p.field : fields.find((f) => p.field.startsWith(`${f}.`));
    if (field) (byField[field] ??= []).push(p.message);
    else other.push(p);
  }
  return { byField, other };
}

import { NeuralTraderError, type ErrorCode } from '../../core/errors.js';

export interface SecEdgarErrorDetails {
  readonly retryable?: boolean;
  readonly cause?: unknown;
  /** HTTP status of the response, when there was one. */
  readonly status?: number;
  readonly url?: string;
  /** From a 429's Retry-After header (seconds), when EDGAR sent one. */
  readonly retryAfterMs?: number;
}

/**
 * Anything that went wrong talking to EDGAR or reading what it sent. Codes: NOT_FOUND (404: no such filing
 * or document), UNAVAILABLE (network failure, timeout, 429 rate limit: retryable), PROVIDER_FAILURE (EDGAR
 * refused or failed: 5xx retryable, 403 and other 4xx not), VALIDATION_FAILED (the payload is not a
 * well-formed document of the expected kind; not retryable, `cause` has the parser's error).
 */
export class SecEdgarError extends NeuralTraderError {
  readonly status: number | null;
  readonly url: string | null;
  readonly retryAfterMs: number | null;

  constructor(code: ErrorCode, message: string, details: SecEdgarErrorDetails = {}) {
    super(code, message, {
      retryable: details.retryable ?? false,
      ...(details.cause === undefined ? {} : { cause: details.cause }),
    });
    this.name = 'SecEdgarError';
    this.status = details.status ?? null;
    this.url = details.url ?? null;
    this.retryAfterMs = details.retryAfterMs ?? null;
  }
}

/** A payload that is not what the documented format says: VALIDATION_FAILED, not retryable. */
export function invalidDocument(message: string, cause?: unknown): SecEdgarError {
  return new SecEdgarError('VALIDATION_FAILED', message, cause === undefined ? {} : { cause });
}

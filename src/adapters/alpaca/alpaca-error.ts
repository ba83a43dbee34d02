import { NeuralTraderError, type ErrorCode } from '../../core/errors.js';

export interface AlpacaErrorDetails {
  readonly status?: number;
  /** Alpaca's own error code from the body, e.g. 40310000. */
  readonly alpacaCode?: number;
  /** How long Alpaca asked us to wait (a 429's X-RateLimit-Reset or Retry-After). */
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

/**
 * A failure talking to Alpaca. `code` and `retryable` follow the house rules (ARCHITECTURE §5): only a 429,
 * a 5xx, a network failure or a timeout is retryable; every 4xx is a definite answer (an order it refused is
 * never sent again). 400 / 422 and a 403 with Alpaca's code 40310000 (insufficient buying power or quantity)
 * are INVALID_INPUT: the request cannot be carried out as it is; 401 and other 403s are PROVIDER_FAILURE (the
 * keys or the account); 404 is NOT_FOUND.
 */
export class AlpacaApiError extends NeuralTraderError {
  readonly status: number | null;
  readonly alpacaCode: number | null;
  readonly retryAfterMs: number | null;

  constructor(code: ErrorCode, message: string, retryable: boolean, details: AlpacaErrorDetails = {}) {
    super(code, message, { retryable, cause: details.cause });
    this.name = 'AlpacaApiError';
    this.status = details.status ?? null;
    this.alpacaCode = details.alpacaCode ?? null;
    this.retryAfterMs = details.retryAfterMs ?? null;
  }
}

const INSUFFICIENT = 40310000;

/** The error for an HTTP error response: `what` names the request ("POST /v2/orders"). */
export function errorFromStatus(
  what: string,
  status: number,
  body: { code?: number | undefined; message: string } | null,
  retryAfterMs: number | null,
): AlpacaApiError {
  const detail = body?.message ?? 'no error message';
  const message = `Alpaca ${what} answered ${status}: ${detail}`;
  const details: AlpacaErrorDetails = {
    status,
    ...(body?.code === undefined ? {} : { alpacaCode: body.code }),
    ...(retryAfterMs === null ? {} : { retryAfterMs }),
  };
  if (status === 429) return new AlpacaApiError('UNAVAILABLE', message, true, details);
  if (status >= 500) return new AlpacaApiError('PROVIDER_FAILURE', message, true, details);
  if (status === 404) return new AlpacaApiError('NOT_FOUND', message, false, details);
  if (status === 409) return new AlpacaApiError('CONFLICT', message, false, details);
  if (status === 400 || status === 422 || (status === 403 && body?.code === INSUFFICIENT)) {
    return new AlpacaApiError('INVALID_INPUT', message, false, details);
  }
  return new AlpacaApiError('PROVIDER_FAILURE', message, false, details);
}

/** The request never got an answer: connection refused or reset, DNS, or our timeout. Retryable. */
export function networkError(what: string, cause: unknown, timedOut: boolean): AlpacaApiError {
  const reason = timedOut ? 'timed out' : cause instanceof Error ? cause.message : String(cause);
  return new AlpacaApiError('UNAVAILABLE', `Alpaca ${what} got no answer: ${reason}`, true, { cause });
}

/** Alpaca answered with a payload that does not match its documented format. */
export function payloadError(what: string, problem: string, cause?: unknown): AlpacaApiError {
  return new AlpacaApiError(
    'VALIDATION_FAILED',
    `Alpaca ${what} sent an unexpected payload: ${problem}`,
    false,
    {
      cause,
    },
  );
}

/** Alpaca's answer to a client_order_id it has already seen (422, "client_order_id must be unique"). */
export function isDuplicateClientOrderId(error: unknown): boolean {
  return (
    error instanceof AlpacaApiError &&
    error.status === 422 &&
    /client_order_id must be unique/i.test(error.message)
  );
}

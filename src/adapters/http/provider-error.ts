import { NeuralTraderError, type ErrorCode } from '../../core/errors.js';

/**
 * What went wrong talking to a provider, finer than the error code: the status counters and the retry
 * policy read it, and tests assert it.
 */
export const PROVIDER_FAILURES = [
  'missing-key',
  'unauthorized',
  'forbidden',
  'not-found',
  'bad-request',
  'rate-limited',
  'quota-exhausted',
  'server-error',
  'network',
  'timeout',
  'aborted',
  'invalid-payload',
] as const;
export type ProviderFailure = (typeof PROVIDER_FAILURES)[number];

/**
 * Code and default retryability per failure. Only transient failures are retryable: a rate limit (429),
 * a server error (5xx), a network failure or a timeout. A spent quota is not: it will not come back within
 * a retry's wait, so the caller is told when it will (`retryAfterMs`) and decides.
 */
const FAILURE_TABLE: Readonly<Record<ProviderFailure, { code: ErrorCode; retryable: boolean }>> = {
  'missing-key': { code: 'CONFIG_INVALID', retryable: false },
  unauthorized: { code: 'PROVIDER_FAILURE', retryable: false },
  forbidden: { code: 'PROVIDER_FAILURE', retryable: false },
  'not-found': { code: 'NOT_FOUND', retryable: false },
  'bad-request': { code: 'PROVIDER_FAILURE', retryable: false },
  'rate-limited': { code: 'UNAVAILABLE', retryable: true },
  'quota-exhausted': { code: 'UNAVAILABLE', retryable: false },
  'server-error': { code: 'PROVIDER_FAILURE', retryable: true },
  network: { code: 'UNAVAILABLE', retryable: true },
  timeout: { code: 'UNAVAILABLE', retryable: true },
  aborted: { code: 'UNAVAILABLE', retryable: false },
  'invalid-payload': { code: 'VALIDATION_FAILED', retryable: false },
};

export interface ProviderErrorDetails {
  readonly cause?: unknown;
  /** HTTP status of the response, when there was one. */
  readonly status?: number;
  /** The request URL with secrets masked (see redactUrl). */
  readonly url?: string;
  /** How long the provider asked us to wait (Retry-After), or until a spent quota frees up. */
  readonly retryAfterMs?: number;
  /** Overrides the failure's default retryability. */
  readonly retryable?: boolean;
}

/**
 * A typed provider failure (ARCHITECTURE §5.3): `code` and `retryable` from the failure kind, plus the HTTP
 * `status`, the provider's `retryAfterMs` and the `cause`. Messages name the provider and quote what it
 * said; they never contain an API key (URLs are masked before they reach a message).
 */
export class ProviderError extends NeuralTraderError {
  readonly provider: string;
  readonly failure: ProviderFailure;
  readonly status: number | null;
  readonly url: string | null;
  readonly retryAfterMs: number | null;

  constructor(
    provider: string,
    failure: ProviderFailure,
    message: string,
    details: ProviderErrorDetails = {},
  ) {
    const { code, retryable } = FAILURE_TABLE[failure];
    super(code, message, {
      retryable: details.retryable ?? retryable,
      ...(details.cause === undefined ? {} : { cause: details.cause }),
    });
    this.name = 'ProviderError';
    this.provider = provider;
    this.failure = failure;
    this.status = details.status ?? null;
    this.url = details.url ?? null;
    this.retryAfterMs = details.retryAfterMs ?? null;
  }
}

const SECRET_PARAMETERS = /^(api_?key|apikey|token|access_?token|key)$/i;

/** The URL with the values of key-like query parameters (`apikey`, `api_key`, `token`) replaced by `***`. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(/((?:api_?key|apikey|token)=)[^&#]*/gi, '$1***');
  }
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAMETERS.test(name)) parsed.searchParams.set(name, '***');
  }
  return parsed.toString().replace(/%2A%2A%2A/g, '***');
}

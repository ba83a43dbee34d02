import type { z } from 'zod';
import type { AlpacaRetryPolicy, ResolvedAlpacaConfig } from './alpaca-config.js';
import { AlpacaApiError, errorFromStatus, networkError, payloadError } from './alpaca-error.js';
import { alpacaErrorSchema } from './alpaca-schemas.js';
import { TokenBucket } from './token-bucket.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RestRequest<T> {
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  /** Validates the JSON answer; absent for answers without a body (204). */
  readonly schema?: z.ZodType<T>;
  /**
   * Retry retryable failures (429, 5xx, network) with backoff. Only for requests that are safe to repeat;
   * never for an order submission or a replace, whose outcome is resolved by looking the order up instead.
   */
  readonly retry: boolean;
  readonly signal?: AbortSignal;
}

/**
 * Backoff before attempt `attempt + 1` (attempt counts from 1): base * 2^(attempt-1), capped at maxDelayMs,
 * with "equal jitter" (half fixed, half uniform) so that clients that failed together come back apart.
 */
export function backoffMs(policy: AlpacaRetryPolicy, attempt: number, random: () => number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return exponential / 2 + (exponential / 2) * random();
}

/**
 * One Alpaca REST host: authenticated JSON requests (APCA-API-KEY-ID / APCA-API-SECRET-KEY headers) through a
 * token bucket (the documented 200 requests a minute), a timeout per attempt, typed errors (alpaca-error.ts),
 * every answer validated with zod, and retries of retryable failures for requests that ask for them. A 429's
 * wait comes from Retry-After or X-RateLimit-Reset when Alpaca sends one, if it is not longer than
 * maxRetryAfterMs.
 */
export class AlpacaRestClient {
  private readonly bucket: TokenBucket;

  constructor(
    private readonly baseUrl: string,
    private readonly config: ResolvedAlpacaConfig,
  ) {
    this.bucket = new TokenBucket(config.requestsPerMinute, 60_000, config.clock, config.sleep);
  }

  async request<T>(method: HttpMethod, path: string, request: RestRequest<T>): Promise<T | undefined> {
    const policy = this.config.retry;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(method, path, request);
      } catch (error) {
        if (!(error instanceof AlpacaApiError) || !error.retryable || !request.retry) throw error;
        if (attempt >= policy.maxAttempts) throw error;
        const asked = error.retryAfterMs ?? 0;
        if (asked > policy.maxRetryAfterMs) throw error;
        await this.config.sleep(
          Math.max(asked, backoffMs(policy, attempt, this.config.random)),
          request.signal,
        );
      }
    }
  }

  private async once<T>(method: HttpMethod, path: string, request: RestRequest<T>): Promise<T | undefined> {
    const what = `${method} ${path}`;
    await this.bucket.take(request.signal);
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const timeout = AbortSignal.timeout(this.config.timeoutMs);
    const signal = request.signal === undefined ? timeout : AbortSignal.any([request.signal, timeout]);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          'APCA-API-KEY-ID': this.config.keyId,
          'APCA-API-SECRET-KEY': this.config.secretKey,
          Accept: 'application/json',
          ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        signal,
      });
    } catch (error) {
      request.signal?.throwIfAborted();
      throw networkError(what, error, timeout.aborted);
    }
    const text = await response.text().catch((error: unknown) => {
      throw networkError(what, error, timeout.aborted);
    });
    if (!response.ok)
      throw errorFromStatus(what, response.status, errorBody(text), this.retryAfterMs(response));
    if (request.schema === undefined) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw payloadError(what, 'the body is not JSON', error);
    }
    const parsed = request.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw payloadError(
        what,
        `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
        parsed.error,
      );
    }
    return parsed.data;
  }

  /** Retry-After (seconds) or X-RateLimit-Reset (epoch seconds) as a wait from now, when present. */
  private retryAfterMs(response: Response): number | null {
    const retryAfter = response.headers.get('retry-after');
    if (retryAfter !== null && Number.isFinite(Number(retryAfter))) return Number(retryAfter) * 1000;
    const reset = response.headers.get('x-ratelimit-reset');
    if (response.status === 429 && reset !== null && Number.isFinite(Number(reset))) {
      return Math.max(0, Number(reset) * 1000 - this.config.clock.now());
    }
    return null;
  }
}

function errorBody(text: string): { code?: number | undefined; message: string } | null {
  try {
    const parsed = alpacaErrorSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : { message: text.slice(0, 200) };
  } catch {
    return text === '' ? null : { message: text.slice(0, 200) };
  }
}

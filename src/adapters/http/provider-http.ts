import type { Clock } from '../../core/clock.js';
import { HttpClient, type ErrorDescriber } from './http-client.js';
import { ProviderError } from './provider-error.js';
import { ProviderStatusTracker } from './provider-status.js';
import { RateLimiter, type RateLimit } from './rate-limiter.js';
import { RequestQuota } from './request-quota.js';
import { ResponseCache } from './response-cache.js';
import { DEFAULT_RETRY_POLICY, withRetry, type RetryPolicy } from './retry.js';
import { realSleep, systemClock, type ProviderDependencies, type Sleep } from './timing.js';

const DAY_MS = 86_400_000;

export interface ProviderHttpConfig {
  /** Source name for status (`newsapi`). */
  readonly name: string;
  /** Provider name for messages (`NewsAPI`). */
  readonly label: string;
  readonly timeoutMs: number;
  /** CACHE_TTL: how long an answer is reused, in seconds; 0 turns the cache off. */
  readonly cacheTtlSeconds: number;
  readonly rateLimit: RateLimit;
  /** Requests allowed per 24 hours, when the provider has such a quota; null or absent when not. */
  readonly dailyQuota?: number | null;
  readonly retry?: { readonly [K in keyof RetryPolicy]?: RetryPolicy[K] | undefined };
  /** Sent on every request: User-Agent, an API-key header. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly describeError?: ErrorDescriber;
}

export interface ProviderGet<T> {
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /**
   * Turns the body into the value: JSON or XML parsing and zod validation. It runs inside the retry loop
   * (a payload-level error such as Alpha Vantage's HTTP-200 rate-limit note is retried only when marked
   * retryable) and before caching, so an invalid payload is never cached.
   */
  readonly parse: (body: string) => T;
  /** Cache key; the URL by default. */
  readonly cacheKey?: string;
}

/**
 * Everything an adapter needs to call one provider politely, in this order per request: the TTL cache
 * (a hit costs nothing), the quota (refuse at once when spent), the rate limiter (wait for a token), then
 * the GET with its timeout, and retries with exponential backoff for retryable failures only. Each attempt
 * that reaches the network counts as a request in status() and against the quota.
 */
export class ProviderHttp {
  readonly status: ProviderStatusTracker;
  readonly quota: RequestQuota | null;
  readonly clock: Clock;
  private readonly client: HttpClient;
  private readonly limiter: RateLimiter;
  private readonly cache: ResponseCache<unknown>;
  private policy: RetryPolicy;
  private readonly sleep: Sleep;
  private readonly random: () => number;

  constructor(
    private readonly config: ProviderHttpConfig,
    dependencies: ProviderDependencies = {},
  ) {
    this.clock = dependencies.clock ?? systemClock;
    this.sleep = dependencies.sleep ?? realSleep;
    this.random = dependencies.random ?? Math.random;
    this.client = new HttpClient({
      provider: config.label,
      fetch: dependencies.fetch ?? globalThis.fetch,
      clock: this.clock,
      timeoutMs: config.timeoutMs,
      ...(config.headers === undefined ? {} : { headers: config.headers }),
      ...(config.describeError === undefined ? {} : { describeError: config.describeError }),
    });
    this.limiter = new RateLimiter(config.rateLimit, this.clock, this.sleep);
    this.quota =
      config.dailyQuota === undefined || config.dailyQuota === null
        ? null
        : new RequestQuota(config.dailyQuota, DAY_MS, this.clock);
    this.cache = new ResponseCache(config.cacheTtlSeconds * 1000, this.clock);
    this.policy = { ...DEFAULT_RETRY_POLICY };
    for (const [key, value] of Object.entries(config.retry ?? {}) as [
      keyof RetryPolicy,
      number | undefined,
    ][]) {
      if (value !== undefined) this.policy = { ...this.policy, [key]: value };
    }
    this.status = new ProviderStatusTracker(config.name, this.clock);
  }

  async get<T>(request: ProviderGet<T>): Promise<T> {
    const key = request.cacheKey ?? request.url;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached as T;
    try {
      const value = await withRetry(
        () => this.attempt(request),
        this.policy,
        this.sleep,
        this.random,
        request.signal,
      );
      this.cache.set(key, value);
      this.status.recordSuccess();
      return value;
    } catch (caught) {
      const error =
        request.signal?.aborted === true && !(caught instanceof ProviderError)
          ? new ProviderError(this.config.label, 'aborted', `${this.config.label} request was cancelled`, {
              cause: caught,
            })
          : caught;
      if (error instanceof ProviderError && error.failure === 'quota-exhausted' && this.quota !== null) {
        this.quota.exhaustUntil(this.clock.now() + (error.retryAfterMs ?? this.quota.windowMs));
      }
      this.status.recordError(error);
      throw error;
    }
  }

  /** Records an error raised outside a request (a missing key, a bad query) in the status, and returns it. */
  fail<E>(error: E): E {
    this.status.recordError(error);
    return error;
  }

  private async attempt<T>(request: ProviderGet<T>): Promise<T> {
    this.checkQuota();
    await this.limiter.acquire(request.signal);
    if (this.quota !== null && !this.quota.tryTake()) this.checkQuota();
    this.status.recordRequest();
    const body = await this.client.getText({
      url: request.url,
      ...(request.headers === undefined ? {} : { headers: request.headers }),
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    });
    return request.parse(body);
  }

  private checkQuota(): void {
    if (this.quota === null || this.quota.remaining() > 0) return;
    const waitMs = this.quota.msUntilAvailable();
    throw new ProviderError(
      this.config.label,
      'quota-exhausted',
      `${this.config.label} quota of ${this.quota.limit} requests a day is spent; next request allowed in ${Math.ceil(waitMs / 60_000)} min`,
      { retryAfterMs: waitMs },
    );
  }
}

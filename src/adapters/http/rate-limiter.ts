import type { Clock } from '../../core/clock.js';
import { InvalidInputError, quote } from '../../core/errors.js';
import type { Sleep } from './timing.js';

/**
 * A provider's published request rate: `requests` per `windowMs` (a token bucket), a least gap between two
 * request starts, or both. With neither, requests only take turns.
 */
export interface RateLimit {
  readonly requests?: number;
  readonly windowMs?: number;
  /** Least time between the starts of two requests (EDGAR: 100 ms for its 10 requests a second). */
  readonly minIntervalMs?: number;
}

/** Slack for float rounding in the token count, so an exactly refilled token is not missed by 1e-12. */
const EPSILON = 1e-9;

/**
 * A token bucket per provider: it holds up to `requests` tokens, refills continuously at requests/windowMs,
 * and every request takes one, waiting when none is left; on top, request starts are spaced at least
 * minIntervalMs apart. A full bucket allows a burst of `requests` (Finnhub's 60 a minute may come at
 * once); minIntervalMs spreads them for providers that want it. Callers queue in arrival order (a promise
 * chain), so concurrent fetches share the limit instead of each spending it.
 */
export class RateLimiter {
  private tokens: number;
  private updatedAt: number;
  private lastStart = Number.NEGATIVE_INFINITY;
  private gate: Promise<void> = Promise.resolve();
  private readonly perMs: number;
  private readonly capacity: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: Clock,
    private readonly sleep: Sleep,
  ) {
    const { requests = Number.POSITIVE_INFINITY, windowMs = 1 } = limit;
    if (!(requests >= 1 && (Number.isInteger(requests) || requests === Number.POSITIVE_INFINITY))) {
      throw new InvalidInputError(`rate limit requests ${quote(requests)} must be an integer >= 1`);
    }
    if (!(windowMs > 0)) throw new InvalidInputError(`rate limit window ${quote(windowMs)} must be > 0 ms`);
    this.capacity = requests;
    this.tokens = requests;
    this.updatedAt = clock.now();
    this.perMs = requests / windowMs;
  }

  /** Resolves when the next request may start; rejects if the signal aborts while waiting. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.gate.then(() => this.take(signal));
    this.gate = turn.catch(() => undefined);
    return turn;
  }

  /** Tokens available now (fractional while refilling). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  private async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      this.refill();
      const now = this.clock.now();
      const spacing = this.lastStart + (this.limit.minIntervalMs ?? 0) - now;
      const refill = this.tokens >= 1 - EPSILON ? 0 : (1 - this.tokens) / this.perMs;
      const wait = Math.max(spacing, refill);
      if (wait <= 0) {
        this.tokens = Math.max(0, this.tokens - 1);
        this.lastStart = now;
        return;
      }
      await this.sleep(Math.ceil(wait), signal);
    }
  }

  private refill(): void {
    const now = this.clock.now();
    if (now > this.updatedAt) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.perMs);
      this.updatedAt = now;
    }
  }
}

import type { Clock } from '../../core/clock.js';
import { InvalidInputError, quote } from '../../core/errors.js';
import type { Sleep } from './alpaca-config.js';

/**
 * A token bucket: holds up to `capacity` tokens, refills continuously at `capacity` per `windowMs`, and each
 * request takes one, waiting for the next token when none is left. A full bucket allows a burst of
 * `capacity` requests (Alpaca counts 200 a minute, not 3.3 a second). Waiters queue in arrival order (a
 * promise chain), so concurrent requests share the budget instead of each spending it.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private gate: Promise<void> = Promise.resolve();
  private readonly perMs: number;

  constructor(
    private readonly capacity: number,
    windowMs: number,
    private readonly clock: Clock,
    private readonly sleep: Sleep,
  ) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) {
      throw new InvalidInputError(`token bucket capacity ${quote(capacity)} must be an integer >= 1`);
    }
    if (!(windowMs > 0)) throw new InvalidInputError(`token bucket window ${quote(windowMs)} must be > 0 ms`);
    this.tokens = capacity;
    this.updatedAt = clock.now();
    this.perMs = capacity / windowMs;
  }

  /** Tokens left now (fractional while refilling). */
  get available(): number {
    this.refill();
    return this.tokens;
  }

  /** Resolves when the caller may send its request. */
  take(signal?: AbortSignal): Promise<void> {
    const turn = this.gate.then(() => this.wait(signal));
    // The next caller waits for this one's turn, whether it succeeded or was aborted.
    this.gate = turn.catch(() => undefined);
    return turn;
  }

  private async wait(signal?: AbortSignal): Promise<void> {
    this.refill();
    while (this.tokens < 1) {
      await this.sleep(Math.ceil((1 - this.tokens) / this.perMs), signal);
      this.refill();
    }
    this.tokens -= 1;
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.perMs);
    this.updatedAt = now;
  }
}

import type { Clock } from '../../core/clock.js';
import { InvalidInputError, quote } from '../../core/errors.js';

/**
 * A request quota such as NewsAPI's 100 requests a day or Alpha Vantage's 25: at most `limit` requests in
 * any sliding window of `windowMs`. A sliding window is the conservative reading of "per day": it never
 * lets more than `limit` through in any 24 hours, whether the provider resets at midnight or counts a
 * rolling day. The count lives in this process only, so a restart forgets what was spent; when the provider
 * itself says the quota is gone, `exhaustUntil` records that too.
 */
export class RequestQuota {
  private readonly starts: number[] = [];
  private blockedUntil = Number.NEGATIVE_INFINITY;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly clock: Clock,
  ) {
    if (!(Number.isInteger(limit) && limit >= 1)) {
      throw new InvalidInputError(`quota ${quote(limit)} must be an integer >= 1`);
    }
    if (!(windowMs > 0)) throw new InvalidInputError(`quota window ${quote(windowMs)} must be > 0 ms`);
  }

  /** Requests left in the current window (0 while the provider has told us the quota is spent). */
  remaining(): number {
    const now = this.clock.now();
    this.prune(now);
    if (now < this.blockedUntil) return 0;
    return this.limit - this.starts.length;
  }

  /** Counts one request and returns true, or returns false when none is left. */
  tryTake(): boolean {
    if (this.remaining() <= 0) return false;
    this.starts.push(this.clock.now());
    return true;
  }

  /** Time until the next request is allowed (0 when one is allowed now). */
  msUntilAvailable(): number {
    const now = this.clock.now();
    this.prune(now);
    const blocked = Math.max(0, this.blockedUntil - now);
    const oldest = this.starts[0];
    const windowWait =
      this.starts.length < this.limit || oldest === undefined ? 0 : oldest + this.windowMs - now;
    return Math.max(blocked, windowWait);
  }

  /** The provider said the quota is spent: allow nothing before `time` (epoch ms). */
  exhaustUntil(time: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, time);
  }

  private prune(now: number): void {
    while (this.starts.length > 0 && (this.starts[0] as number) <= now - this.windowMs) this.starts.shift();
  }
}

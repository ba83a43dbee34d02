import { NeuralTraderError } from '../../core/errors.js';
import type { Sleep } from './timing.js';

export interface RetryPolicy {
  /** Attempts in all, the first included (1 = never retry). */
  readonly maxAttempts: number;
  /** Backoff before the second attempt; it doubles for each further one. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /**
   * The longest Retry-After we are willing to sit out inside one fetch. A provider that asks for longer
   * (a per-minute window, a daily quota) gets the error passed straight to the caller, who can reschedule.
   */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
};

/**
 * Backoff before attempt `attempt + 1` (attempt counts from 1): exponential, base * 2^(attempt-1), capped at
 * maxDelayMs, with "equal jitter" (half fixed, half uniform: the AWS Architecture Blog's scheme) so that
 * clients that failed together do not come back together.
 */
export function backoffMs(policy: RetryPolicy, attempt: number, random: () => number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return exponential / 2 + (exponential / 2) * random();
}

/**
 * Runs `operation` and retries it only when it fails with an error marked `retryable` (a 429, a 5xx, a
 * network failure or a timeout), at most maxAttempts times in all. Each wait is the backoff or the
 * provider's Retry-After, whichever is longer; a Retry-After beyond maxRetryAfterMs ends the retries at once.
 * Non-retryable errors (401, 400, a bad payload, a spent quota) and a cancelled signal are rethrown as is.
 */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  sleep: Sleep,
  random: () => number,
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (!(error instanceof NeuralTraderError) || !error.retryable) throw error;
      if (attempt >= policy.maxAttempts || signal?.aborted === true) throw error;
      const asked =
        'retryAfterMs' in error && typeof error.retryAfterMs === 'number' ? error.retryAfterMs : 0;
      if (asked > policy.maxRetryAfterMs) throw error;
      await sleep(Math.max(asked, backoffMs(policy, attempt, random)), signal);
    }
  }
}

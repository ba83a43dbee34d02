import type { Clock } from '../../core/clock.js';
import type { NewsSourceStatus } from '../../news/news-item.types.js';

/**
 * The counters behind a source's status(): HTTP requests sent (cache hits are not requests), the last
 * success and the last error with its message. `quotaRemaining` comes from the provider's RequestQuota.
 */
export class ProviderStatusTracker {
  private requests = 0;
  private lastSuccessAt: number | null = null;
  private lastErrorAt: number | null = null;
  private lastError: string | null = null;

  constructor(
    private readonly name: string,
    private readonly clock: Clock,
  ) {}

  recordRequest(): void {
    this.requests++;
  }

  recordSuccess(): void {
    this.lastSuccessAt = this.clock.now();
  }

  recordError(error: unknown): void {
    this.lastErrorAt = this.clock.now();
    this.lastError = error instanceof Error ? error.message : String(error);
  }

  snapshot(configured: boolean, quotaRemaining: number | null): NewsSourceStatus {
    return {
      name: this.name,
      configured,
      lastSuccessAt: this.lastSuccessAt,
      lastErrorAt: this.lastErrorAt,
      lastError: this.lastError,
      requests: this.requests,
      quotaRemaining,
    };
  }
}

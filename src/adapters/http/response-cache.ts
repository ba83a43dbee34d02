import type { Clock } from '../../core/clock.js';

interface Entry<T> {
  readonly value: T;
  readonly expiresAt: number;
}

/**
 * Responses kept for `ttlMs` (CACHE_TTL seconds; 0 turns caching off) so that polling the same query
 * within the TTL costs no request, which matters for quotas like NewsAPI's 100 a day. Holds at most
 * maxEntries; the oldest entry goes first when full. Time comes from the injected clock.
 */
export class ResponseCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly clock: Clock,
    private readonly maxEntries = 500,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (this.clock.now() >= entry.expiresAt) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: T): void {
    if (!this.enabled) return;
    this.entries.delete(key);
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, expiresAt: this.clock.now() + this.ttlMs });
  }

  get size(): number {
    return this.entries.size;
  }
}

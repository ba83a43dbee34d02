export interface LoginThrottleOptions {
  /** Failures in a row before a lockout (default 5). */
  readonly maxFailures?: number;
  /** First lockout; each further failure while locked out doubles it (default 60 s). */
  readonly lockoutMs?: number;
  /** Longest lockout (default 15 min). */
  readonly maxLockoutMs?: number;
  readonly now?: () => number;
  /** Keys tracked at most (default 10,000; the oldest are forgotten first). */
  readonly maxKeys?: number;
}

interface Attempts {
  failures: number;
  lockedUntil: number;
  lockoutMs: number;
}

/**
 * Login attempt throttling, per key (the server checks the user name and the client address separately, so
 * neither one address trying many names nor many addresses trying one name gets far). After `maxFailures`
 * failures in a row the key is locked out; a failure right after a lockout locks it out again for twice as
 * long (up to `maxLockoutMs`); a success clears it.
 */
export class LoginThrottle {
  private readonly attempts = new Map<string, Attempts>();
  private readonly maxFailures: number;
  private readonly lockoutMs: number;
  private readonly maxLockoutMs: number;
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(options: LoginThrottleOptions = {}) {
    this.maxFailures = options.maxFailures ?? 5;
    this.lockoutMs = options.lockoutMs ?? 60_000;
    this.maxLockoutMs = options.maxLockoutMs ?? 15 * 60_000;
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  /** Milliseconds until the first of the keys may try again; 0 when none is locked out. */
  retryAfterMs(keys: readonly string[]): number {
    const now = this.now();
    return Math.max(0, ...keys.map((key) => (this.attempts.get(key)?.lockedUntil ?? 0) - now));
  }

  failed(keys: readonly string[]): void {
    const now = this.now();
    for (const key of keys) {
      let entry = this.attempts.get(key);
      if (entry === undefined) {
        if (this.attempts.size >= this.maxKeys)
          this.attempts.delete(this.attempts.keys().next().value as string);
        entry = { failures: 0, lockedUntil: 0, lockoutMs: 0 };
        this.attempts.set(key, entry);
      }
      entry.failures++;
      if (entry.failures >= this.maxFailures) {
        entry.lockoutMs =
          entry.lockoutMs === 0 ? this.lockoutMs : Math.min(this.maxLockoutMs, entry.lockoutMs * 2);
        entry.lockedUntil = now + entry.lockoutMs;
        entry.failures = this.maxFailures - 1; // the next failure locks out again, for longer
      }
    }
  }

  succeeded(keys: readonly string[]): void {
    for (const key of keys) this.attempts.delete(key);
  }
}

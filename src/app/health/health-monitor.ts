import type { Redis } from 'ioredis';
import { redactUrl } from '../../config/redact.js';
import type { Store } from '../../store/repositories.types.js';

export const CHECK_STATES = ['up', 'down', 'not-configured'] as const;
export type CheckState = (typeof CHECK_STATES)[number];

export interface CheckResult {
  readonly status: CheckState;
  /** What was checked and, when down, why (URLs without their credentials). */
  readonly detail: string;
  readonly latencyMs: number | null;
  /** When the check ran, epoch ms (results are reused for `ttlMs`). */
  readonly checkedAt: number;
}

export interface HealthReport {
  /** `ok`: everything configured is up; `degraded`: an optional service is down; `down`: a required one is. */
  readonly status: 'ok' | 'degraded' | 'down';
  readonly checks: Readonly<Record<string, CheckResult>>;
}

/** A check: resolves to up/not-configured with a detail, or rejects when the service is down. */
export type HealthCheck = () => Promise<{ status: 'up' | 'not-configured'; detail: string }>;

export interface HealthMonitorOptions {
  /** How long a result is reused (default 1,000 ms): a probe every few ms must not hammer the services. */
  readonly ttlMs?: number;
  /** A check slower than this is down (default 2,000 ms). */
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

interface Registered {
  readonly check: HealthCheck;
  readonly required: boolean;
  last: CheckResult | null;
  running: Promise<CheckResult> | null;
}

/**
 * Readiness of the store and the optional services (Redis when REDIS_URL is set; the trading node registers
 * its broker check when it runs). Each check's result is reused for `ttlMs` and concurrent probes share
 * one run, so the health endpoint stays cheap under load; each result says when it was taken.
 */
export class HealthMonitor {
  private readonly checks = new Map<string, Registered>();
  private readonly ttlMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private last: { report: HealthReport; expiresAt: number } | null = null;

  constructor(options: HealthMonitorOptions = {}) {
    this.ttlMs = options.ttlMs ?? 1_000;
    this.timeoutMs = options.timeoutMs ?? 2_000;
    this.now = options.now ?? Date.now;
  }

  /** Adds a check; a `required` one that is down makes the whole report `down`. */
  register(name: string, check: HealthCheck, required = false): void {
    this.checks.set(name, { check, required, last: null, running: null });
    this.last = null;
  }

  /** The report; the same object while every check's result is fresh (callers may cache what they derive). */
  async report(): Promise<HealthReport> {
    if (this.last !== null && this.now() < this.last.expiresAt) return this.last.report;
    const entries = await Promise.all(
      [...this.checks].map(
        async ([name, entry]) => [name, await this.result(entry), entry.required] as const,
      ),
    );
    const down = entries.filter(([, result]) => result.status === 'down');
    const status = down.some(([, , required]) => required) ? 'down' : down.length > 0 ? 'degraded' : 'ok';
    const report: HealthReport = {
      status,
      checks: Object.fromEntries(entries.map(([name, result]) => [name, result])),
    };
    const expiresAt = Math.min(...entries.map(([, result]) => result.checkedAt + this.ttlMs));
    this.last = { report, expiresAt };
    return report;
  }

  private result(entry: Registered): Promise<CheckResult> {
    if (entry.last !== null && this.now() - entry.last.checkedAt < this.ttlMs) {
      return Promise.resolve(entry.last);
    }
    entry.running ??= this.run(entry.check).then((result) => {
      entry.last = result;
      entry.running = null;
      return result;
    });
    return entry.running;
  }

  private async run(check: HealthCheck): Promise<CheckResult> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      });
      const outcome = await Promise.race([check(), timeout]);
      const latencyMs = outcome.status === 'up' ? round(performance.now() - started) : null;
      return { ...outcome, latencyMs, checkedAt: this.now() };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { status: 'down', detail, latencyMs: null, checkedAt: this.now() };
    } finally {
      clearTimeout(timer);
    }
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** The store answers a query (the cheapest one every store has: one instrument by symbol). */
export function storeCheck(store: Store): HealthCheck {
  return async () => {
    await store.instruments.get('HEALTHCHECK');
    return { status: 'up', detail: `store ${store.path === ':memory:' ? 'in memory' : 'open'}` };
  };
}

/**
 * Redis answers PING, on one client kept open between checks (connecting per probe would cost more than
 * the probe). Not configured without REDIS_URL. `close` disconnects the client.
 */
export function redisCheck(url: string | null): { check: HealthCheck; close: () => void } {
  if (url === null) {
    return {
      check: () => Promise.resolve({ status: 'not-configured', detail: 'REDIS_URL is not set (optional)' }),
      close: () => undefined,
    };
  }
  let client: Redis | null = null;
  const check: HealthCheck = async () => {
    if (client === null) {
      const { Redis } = await import('ioredis');
      client = new Redis(url, {
        lazyConnect: true,
        connectTimeout: 1_000,
        maxRetriesPerRequest: 0,
        enableReadyCheck: false,
        enableOfflineQueue: false,
        retryStrategy: () => null,
      });
      client.on('error', () => undefined);
    }
    try {
      if (client.status !== 'ready') await client.connect();
      const pong = await client.ping();
      if (pong !== 'PONG') throw new Error(`unexpected reply ${JSON.stringify(pong)}`);
    } catch (error) {
      client.disconnect();
      client = null;
      throw new Error(
        `${redactUrl(url)} unreachable: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    return { status: 'up', detail: redactUrl(url) };
  };
  return { check, close: () => client?.disconnect() };
}

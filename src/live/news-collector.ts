import { InvalidInputError, NeuralTraderError, quote } from '../core/errors.js';
import type { NewsQuery } from '../news/news-item.types.js';
import { chunkRange, SourceLane } from './news-collector-lane.js';
import type {
  BackfillRequest,
  BackfillResult,
  CollectorStatus,
  CollectorTimers,
  NewsCollectorOptions,
  PollOutcome,
} from './news-collector.types.js';

export type * from './news-collector.types.js';

/** The system's timers (the live layer may schedule with them). */
export const systemTimers: CollectorTimers = {
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

const DAY = 86_400_000;

/**
 * The news collection service: polls each configured source on its own interval and hands the items to the
 * sink. Guarantees:
 * - never two requests of one source at once: polls and backfill chunks of a source run one after another
 *   (SourceLane); the next poll is scheduled only when the previous one has finished, at its start plus the
 *   interval (at once when that has passed), or later when the provider asked to wait (retryAfterMs);
 * - one source's failure never stops the others; it is counted and shown in status();
 * - stop() cancels the timers, aborts the requests in flight and resolves when they have settled.
 * Times come from the Clock and the injected timers, so tests drive it without waiting.
 */
export class NewsCollector {
  private readonly lanes: SourceLane[];
  private readonly timers: CollectorTimers;
  private running = false;
  private startedAt: number | null = null;
  private abort = new AbortController();

  constructor(private readonly options: NewsCollectorOptions) {
    const names = new Set<string>();
    for (const { source, intervalMs, lookbackMs } of options.sources) {
      if (names.has(source.name))
        throw new InvalidInputError(`news source ${quote(source.name)} is listed twice`);
      names.add(source.name);
      if (!(Number.isFinite(intervalMs) && intervalMs >= 1_000)) {
        throw new InvalidInputError(
          `poll interval ${quote(intervalMs)} ms of ${quote(source.name)} must be >= 1000`,
        );
      }
      if (lookbackMs !== undefined && !(lookbackMs > 0)) {
        throw new InvalidInputError(`lookback ${quote(lookbackMs)} ms of ${quote(source.name)} must be > 0`);
      }
    }
    this.timers = options.timers ?? systemTimers;
    this.lanes = options.sources.map((collected) => new SourceLane(collected));
  }

  /** Starts polling every configured source now; does nothing when already running. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.startedAt = this.options.clock.now();
    for (const lane of this.lanes) if (lane.configured()) this.schedule(lane, 0);
  }

  /**
   * Stops polling, aborts what is in flight (polls and backfills), and resolves once every source is idle.
   * The collector can be started again, and backfill works while it is stopped.
   */
  async stop(): Promise<void> {
    this.running = false;
    for (const lane of this.lanes) this.cancelTimer(lane);
    this.abort.abort(new Error('news collection stopped'));
    await Promise.all(this.lanes.map((lane) => lane.idle()));
    this.abort = new AbortController();
  }

  /** Polls one source (or every configured one) now; a poll already in flight is joined, not repeated. */
  async pollNow(name?: string): Promise<void> {
    await Promise.all(this.select(name === undefined ? undefined : [name]).map((lane) => this.poll(lane)));
  }

  /** Fetches [from, to) chunk by chunk, oldest first, for each chosen source (sources in parallel). */
  async backfill(request: BackfillRequest): Promise<BackfillResult[]> {
    const chunks = chunkRange(request.from, request.to, request.chunkMs ?? DAY);
    const signal = this.abort.signal;
    return Promise.all(
      this.select(request.sources).map(async (lane) => {
        const errors: { from: number; to: number; error: string }[] = [];
        const totals = { completed: 0, fetched: 0, inserted: 0, duplicates: 0 };
        let stoppedEarly = false;
        for (const [from, to] of chunks) {
          const outcome = await lane.run(() => this.collect(lane, 'backfill', [from, to]));
          if (outcome.error === null) {
            totals.completed++;
            totals.fetched += outcome.fetched;
            totals.inserted += outcome.inserted;
            totals.duplicates += outcome.duplicates;
            continue;
          }
          errors.push({ from, to, error: outcome.error });
          if (!outcome.retryable || signal.aborted) {
            stoppedEarly = true;
            break;
          }
        }
        return { source: lane.name, chunks: chunks.length, ...totals, errors, stoppedEarly };
      }),
    );
  }

  status(): CollectorStatus {
    return {
      running: this.running,
      startedAt: this.startedAt,
      sources: this.lanes.map((lane) => lane.status()),
    };
  }

  private select(names: readonly string[] | undefined): SourceLane[] {
    if (names === undefined) return this.lanes.filter((lane) => lane.configured());
    return names.map((name) => {
      const lane = this.lanes.find((candidate) => candidate.name === name);
      if (lane === undefined) {
        throw new InvalidInputError(
          `news source ${quote(name)} is not collected; collected: ${this.lanes.map((l) => l.name).join(', ')}`,
        );
      }
      return lane;
    });
  }

  private schedule(lane: SourceLane, delayMs: number): void {
    this.cancelTimer(lane);
    lane.nextPollAt = this.options.clock.now() + delayMs;
    lane.timer = this.timers.setTimeout(() => {
      lane.timer = null;
      void this.poll(lane);
    }, delayMs);
  }

  private cancelTimer(lane: SourceLane): void {
    if (lane.timer !== null) this.timers.clearTimeout(lane.timer);
    lane.timer = null;
    lane.nextPollAt = null;
  }

  /** One poll through the lane, then the next one scheduled (while running). */
  private poll(lane: SourceLane): Promise<void> {
    if (lane.pendingPoll !== null) return lane.pendingPoll;
    this.cancelTimer(lane);
    const pending = (async () => {
      let due = this.options.clock.now() + lane.intervalMs;
      try {
        const outcome = await lane.run(() => this.collect(lane, 'poll', null));
        const after = this.options.clock.now();
        due = Math.max(outcome.startedAt + lane.intervalMs, after + (outcome.retryAfterMs ?? 0));
      } finally {
        lane.pendingPoll = null;
        if (this.running) this.schedule(lane, Math.max(0, due - this.options.clock.now()));
      }
    })();
    lane.pendingPoll = pending;
    return pending;
  }

  /**
   * Fetches one window and stores it; never rejects: the outcome carries the error. A poll's window is
   * [start - lookback, start), taken when it actually starts (it may have waited behind a backfill chunk).
   */
  private async collect(
    lane: SourceLane,
    kind: PollOutcome['kind'],
    window: readonly [number, number] | null,
  ) {
    const startedAt = this.options.clock.now();
    const [from, to] = window ?? [startedAt - lane.lookbackMs, startedAt];
    const signal = this.abort.signal;
    const requestsBefore = lane.source.status().requests;
    const query: NewsQuery = { from, to, ...(lane.symbols.length === 0 ? {} : { symbols: lane.symbols }) };
    let outcome: PollOutcome;
    let retryable = false;
    let retryAfterMs: number | null = null;
    try {
      if (signal.aborted) throw new Error('news collection stopped');
      const items = await lane.source.fetch(query, signal);
      const stored = await this.options.sink(lane.name, items);
      outcome = {
        ...base(),
        fetched: items.length,
        inserted: stored.inserted,
        duplicates: stored.duplicates,
        error: null,
      };
    } catch (error) {
      retryable = error instanceof NeuralTraderError && error.retryable;
      const wait = (error as { retryAfterMs?: unknown }).retryAfterMs;
      retryAfterMs = typeof wait === 'number' && wait > 0 ? wait : null;
      outcome = { ...base(), fetched: 0, inserted: 0, duplicates: 0, error: messageOf(error) };
    }
    lane.record(outcome);
    this.options.onOutcome?.(outcome);
    return { ...outcome, retryable, retryAfterMs };

    function base() {
      return {
        source: lane.name,
        kind,
        startedAt,
        from,
        to,
        requests: lane.source.status().requests - requestsBefore,
      };
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

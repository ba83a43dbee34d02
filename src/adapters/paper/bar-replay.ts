import type { Clock } from '../../core/clock.js';
import { InvalidInputError, quote } from '../../core/errors.js';
import { instrumentId, type InstrumentId } from '../../core/ids.js';
import type { BarSeries } from '../../data/bar-series.js';
import type { Bar } from '../../model/bar.js';
import { timeframeMs } from '../../model/timeframe.js';

/** A replayed bar: the domain Bar plus the time it completed (`tsEvent + timeframe`). */
export interface ReplayBar extends Bar {
  readonly tsClose: number;
}

/** Wall-clock timers, injectable so tests drive the replay without waiting. */
export interface ReplayTimer {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** A SYSTEM_TIMER handle, tagged with its kind so that clearing it calls the one matching clear function. */
type SystemTimerHandle = { readonly immediate: NodeJS.Immediate } | { readonly timeout: NodeJS.Timeout };

/**
 * Node's timers; a zero delay goes through setImmediate so `speed: Infinity` does not sleep 1 ms a step.
 * Each handle is cleared only by its own function: `clearImmediate` on a Timeout marks it destroyed without
 * unlinking it, so a `clearTimeout` after it does nothing, the cancelled timer stays queued and Node's count
 * of referenced timers never drops — the process then lives on until the next timer anyone queued (an
 * http.Server's 30 s connection check) fires, long after everything was closed.
 */
export const SYSTEM_TIMER: ReplayTimer = {
  setTimeout: (callback, ms): SystemTimerHandle =>
    ms <= 0 ? { immediate: setImmediate(callback) } : { timeout: setTimeout(callback, ms) },
  clearTimeout: (handle) => {
    const tagged = handle as SystemTimerHandle;
    if ('immediate' in tagged) clearImmediate(tagged.immediate);
    else clearTimeout(tagged.timeout);
  },
};

export interface BarReplayOptions {
  readonly series: readonly BarSeries[];
  /**
   * Market milliseconds per wall millisecond: 1 is real time, 60 replays one minute of bars per second,
   * `Infinity` as fast as the event loop allows. Gaps longer than one bar (nights, weekends) count as one
   * bar: a replay does not sit out a closed market.
   */
  readonly speed: number;
  /** The first bar opening at or after this time is the first one replayed; earlier bars are history. */
  readonly startAt?: number;
  readonly timer?: ReplayTimer;
}

export type ReplayListener = (bars: readonly ReplayBar[], now: number) => void;

/**
 * Replays bar series in completion-time order, one time slice (every bar completing at the same instant) at
 * a time, to listeners. The replay is also the market's Clock: `now()` is the completion time of the last
 * slice replayed (before the first one, the open time of the first bar to come), so an order stamped with it
 * is stamped in market time, as in a backtest. `history` holds the bars known at `now`: the bars before
 * `startAt` and those replayed since. `step()` replays one slice synchronously (tests, or callers driving
 * the replay themselves); `start()` schedules slices on the timer at `speed`.
 */
export class BarReplay implements Clock {
  private readonly series: readonly BarSeries[];
  private readonly ids: readonly InstrumentId[];
  private readonly widths: readonly number[];
  /** Next row to replay in each series. */
  private readonly cursor: Int32Array;
  private readonly listeners = new Set<ReplayListener>();
  private readonly timer: ReplayTimer;
  private readonly speed: number;
  private current: number;
  private handle: unknown = null;
  private running = false;

  constructor(options: BarReplayOptions) {
    if (options.series.length === 0) throw new InvalidInputError('a replay needs at least one bar series');
    if (!(options.speed > 0)) {
      throw new InvalidInputError(`replay speed ${quote(options.speed)} must be > 0 (Infinity: no waiting)`);
    }
    const symbols = new Set<string>();
    for (const s of options.series) {
      if (symbols.has(s.symbol)) throw new InvalidInputError(`symbol ${quote(s.symbol)} is replayed twice`);
      symbols.add(s.symbol);
    }
    this.series = options.series;
    this.ids = options.series.map((s) => instrumentId(s.symbol));
    this.widths = options.series.map((s) => timeframeMs(s.timeframe));
    this.speed = options.speed;
    this.timer = options.timer ?? SYSTEM_TIMER;
    const startAt = options.startAt ?? -Infinity;
    this.cursor = Int32Array.from(options.series, (s) => s.lowerBound(startAt));
    const firstOpen = this.series.reduce((min, s, i) => {
      const row = this.cursor[i] as number;
      return row < s.length ? Math.min(min, s.ts[row] as number) : min;
    }, Infinity);
    const lastClose = this.lastKnownClose();
    this.current = Number.isFinite(firstOpen) ? firstOpen : Number.isFinite(lastClose) ? lastClose : 0;
  }

  now(): number {
    return this.current;
  }

  get symbols(): readonly string[] {
    return this.series.map((s) => s.symbol);
  }

  /** True once every bar has been replayed. */
  get finished(): boolean {
    return this.nextCloseTime() === null;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** The bars of `symbol` known at `now()` (a view, no copy); null for a symbol not replayed here. */
  history(symbol: string): BarSeries | null {
    const index = this.series.findIndex((s) => s.symbol === symbol);
    if (index < 0) return null;
    return (this.series[index] as BarSeries).slice(0, this.cursor[index]);
  }

  /** The last bar of `symbol` known at `now()`, or null (unknown symbol, nothing known yet). */
  lastKnownBar(symbol: string): ReplayBar | null {
    const index = this.series.findIndex((s) => s.symbol === symbol);
    const row = index < 0 ? -1 : (this.cursor[index] as number) - 1;
    if (row < 0) return null;
    const s = this.series[index] as BarSeries;
    const tsEvent = s.ts[row] as number;
    return {
      instrumentId: this.ids[index] as InstrumentId,
      timeframe: s.timeframe,
      tsEvent,
      tsClose: tsEvent + (this.widths[index] as number),
      open: s.open[row] as number,
      high: s.high[row] as number,
      low: s.low[row] as number,
      close: s.close[row] as number,
      volume: s.volume[row] as number,
    };
  }

  /** Every series in full (what is to come included): the universe's trading days, for a calendar. */
  get allSeries(): readonly BarSeries[] {
    return this.series;
  }

  onBars(listener: ReplayListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Replays the next slice at once; false when nothing is left. */
  step(): boolean {
    const time = this.nextCloseTime();
    if (time === null) return false;
    const bars: ReplayBar[] = [];
    this.series.forEach((s, i) => {
      const row = this.cursor[i] as number;
      if (row >= s.length || (s.ts[row] as number) + (this.widths[i] as number) !== time) return;
      bars.push({
        instrumentId: this.ids[i] as InstrumentId,
        timeframe: s.timeframe,
        tsEvent: s.ts[row] as number,
        tsClose: time,
        open: s.open[row] as number,
        high: s.high[row] as number,
        low: s.low[row] as number,
        close: s.close[row] as number,
        volume: s.volume[row] as number,
      });
      this.cursor[i] = row + 1;
    });
    this.current = time;
    for (const listener of [...this.listeners]) listener(bars, time);
    return true;
  }

  /** Starts replaying on the timer; the first slice comes after one (compressed) wait from `now()`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    if (this.handle !== null) this.timer.clearTimeout(this.handle);
    this.handle = null;
  }

  private schedule(): void {
    const next = this.nextCloseTime();
    if (!this.running || next === null) {
      this.running = false;
      return;
    }
    this.handle = this.timer.setTimeout(() => {
      this.handle = null;
      if (!this.running) return;
      this.step();
      this.schedule();
    }, this.waitMs(next));
  }

  /** Wall time to wait before the slice completing at `next`: the market gap, capped at one bar, / speed. */
  private waitMs(next: number): number {
    if (this.speed === Infinity) return 0;
    const gap = Math.min(next - this.current, Math.min(...this.widths));
    return Math.max(0, gap) / this.speed;
  }

  private nextCloseTime(): number | null {
    let next = Infinity;
    this.series.forEach((s, i) => {
      const row = this.cursor[i] as number;
      if (row < s.length) next = Math.min(next, (s.ts[row] as number) + (this.widths[i] as number));
    });
    return Number.isFinite(next) ? next : null;
  }

  private lastKnownClose(): number {
    return this.series.reduce((max, s, i) => {
      const row = this.cursor[i] as number;
      return row > 0 ? Math.max(max, (s.ts[row - 1] as number) + (this.widths[i] as number)) : max;
    }, -Infinity);
  }
}

import { describe, expect, it } from 'vitest';
import { BarSeries } from '../../data/bar-series.js';
import { BarReplay, type ReplayBar, type ReplayTimer } from './bar-replay.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2024, 2, 4, 14, 30);

function series(symbol: string, times: readonly number[], price = 10): BarSeries {
  return BarSeries.fromBars(
    symbol,
    '1m',
    times.map((tsEvent) => ({
      tsEvent,
      open: price,
      high: price + 1,
      low: price - 1,
      close: price,
      volume: 1,
    })),
  );
}

/** A timer that runs nothing until told: `fire()` runs the pending callback and returns its delay. */
class ManualTimer implements ReplayTimer {
  pending: { callback: () => void; ms: number } | null = null;
  cleared = 0;

  setTimeout(callback: () => void, ms: number): unknown {
    this.pending = { callback, ms };
    return this.pending;
  }

  clearTimeout(handle: unknown): void {
    if (handle === this.pending) this.pending = null;
    this.cleared += 1;
  }

  fire(): number {
    const pending = this.pending;
    if (pending === null) throw new Error('nothing scheduled');
    this.pending = null;
    pending.callback();
    return pending.ms;
  }
}

describe('BarReplay', () => {
  it('replays time slices in completion order, holds the past as history, and is the market clock', () => {
    const replay = new BarReplay({
      series: [series('A', [T0, T0 + MINUTE, T0 + 2 * MINUTE]), series('B', [T0 + MINUTE, T0 + 2 * MINUTE])],
      speed: Infinity,
      startAt: T0 + MINUTE,
    });
    expect(replay.now()).toBe(T0 + MINUTE);
    expect(replay.history('A')?.length).toBe(1);
    expect(replay.history('B')?.length).toBe(0);
    expect(replay.lastKnownBar('B')).toBeNull();
    expect(replay.history('C')).toBeNull();
    const slices: { symbols: string[]; now: number }[] = [];
    replay.onBars((bars: readonly ReplayBar[], now) =>
      slices.push({ symbols: bars.map((b) => b.instrumentId), now }),
    );
    expect(replay.step()).toBe(true);
    expect(replay.step()).toBe(true);
    expect(replay.step()).toBe(false);
    expect(replay.finished).toBe(true);
    expect(slices).toEqual([
      { symbols: ['A', 'B'], now: T0 + 2 * MINUTE },
      { symbols: ['A', 'B'], now: T0 + 3 * MINUTE },
    ]);
    expect(replay.history('A')?.length).toBe(3);
    expect(replay.lastKnownBar('A')).toMatchObject({ tsEvent: T0 + 2 * MINUTE, tsClose: T0 + 3 * MINUTE });
  });

  it('waits one bar / speed between slices and compresses a closed market to one bar', () => {
    const timer = new ManualTimer();
    const overnight = T0 + 18 * 60 * MINUTE;
    const replay = new BarReplay({ series: [series('A', [T0, T0 + MINUTE, overnight])], speed: 60, timer });
    replay.start();
    expect(replay.isRunning).toBe(true);
    expect(timer.fire()).toBe(1_000); // open -> first close: one minute at 60x
    expect(timer.fire()).toBe(1_000);
    expect(timer.fire()).toBe(1_000); // 18 hours of closed market wait as one bar
    expect(replay.finished).toBe(true);
    expect(timer.pending).toBeNull();
    expect(replay.isRunning).toBe(false);
  });

  it('stops between slices and starts again where it stopped', () => {
    const timer = new ManualTimer();
    const replay = new BarReplay({ series: [series('A', [T0, T0 + MINUTE])], speed: 1, timer });
    replay.start();
    replay.start(); // idempotent
    expect(timer.fire()).toBe(MINUTE);
    replay.stop();
    expect(timer.pending).toBeNull();
    expect(replay.now()).toBe(T0 + MINUTE);
    replay.start();
    timer.fire();
    expect(replay.finished).toBe(true);
  });

  it('runs by itself as fast as the event loop allows at infinite speed', async () => {
    const replay = new BarReplay({
      series: [series('A', [T0, T0 + MINUTE, T0 + 2 * MINUTE])],
      speed: Infinity,
    });
    const done = new Promise<void>((resolve) =>
      replay.onBars((_, now) => now === T0 + 3 * MINUTE && resolve()),
    );
    replay.start();
    await done;
    expect(replay.finished).toBe(true);
  });

  it('gives its Node timer back when stopped, so the process can exit', () => {
    // Node counts the referenced timers and immediates keeping the process alive; a cancelled one must leave
    // the count. (Clearing a Timeout with clearImmediate first left it counted, so the process waited for the
    // next timer anyone queued, e.g. an http.Server's 30 s connection check, after everything closed; it also
    // wrapped the immediate count below zero, which makes getActiveResourcesInfo() abort with bad_alloc.)
    const alive = (kind: 'Timeout' | 'Immediate') =>
      process.getActiveResourcesInfo().filter((resource) => resource === kind).length;
    for (const [speed, kind] of [
      [1, 'Timeout'],
      [Infinity, 'Immediate'],
    ] as const) {
      const before = alive(kind);
      const replay = new BarReplay({ series: [series('A', [T0, T0 + MINUTE])], speed });
      replay.start();
      expect(alive(kind)).toBe(before + 1);
      replay.stop();
      expect(alive(kind)).toBe(before);
    }
  });

  it('refuses no series, a bad speed and a symbol replayed twice', () => {
    expect(() => new BarReplay({ series: [], speed: 1 })).toThrow(/at least one bar series/);
    expect(() => new BarReplay({ series: [series('A', [T0])], speed: 0 })).toThrow(/speed "0" must be > 0/);
    expect(() => new BarReplay({ series: [series('A', [T0]), series('A', [T0])], speed: 1 })).toThrow(
      /"A" is replayed twice/,
    );
  });

  it('starts its clock at the last close when everything is history', () => {
    const replay = new BarReplay({ series: [series('A', [T0])], speed: 1, startAt: T0 + MINUTE });
    expect(replay.now()).toBe(T0 + MINUTE);
    expect(replay.finished).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { DAY_MS, EquityTracker } from './equity-tracker.js';

const day = (n: number, hour: number) => n * DAY_MS + hour * 3_600_000;

describe('EquityTracker', () => {
  it('starts each UTC day from the last equity of the day before', () => {
    const tracker = new EquityTracker();
    tracker.observe(100, day(10, 14));
    tracker.observe(104, day(10, 21)); // day 10 closes at 104
    tracker.observe(101, day(11, 1)); // first observation of day 11
    tracker.observe(99, day(11, 20));
    expect(tracker.startOfDayEquity(day(11, 23), 99)).toBe(104);
    expect(tracker.dailyLoss(99, day(11, 23))).toEqual({
      startOfDayEquity: 104,
      loss: 5,
      lossFraction: 5 / 104,
    });
  });

  it('treats 23:59 and 00:00 UTC as two days whatever the local time zone', () => {
    const tracker = new EquityTracker();
    tracker.observe(100, day(5, 0) - 60_000); // 23:59 on day 4
    tracker.observe(90, day(5, 0)); // 00:00 on day 5
    expect(tracker.startOfDayEquity(day(5, 1), 90)).toBe(100);
  });

  it('uses the last observation as the start of a day not yet observed', () => {
    const tracker = new EquityTracker();
    tracker.observe(100, day(1, 12));
    tracker.observe(95, day(1, 20));
    expect(tracker.startOfDayEquity(day(2, 9), 93)).toBe(95);
    expect(tracker.startOfDayEquity(day(1, 22), 93)).toBe(100);
  });

  it('keeps the highest equity as the peak and measures drawdown from it', () => {
    const tracker = new EquityTracker();
    for (const [equity, t] of [
      [100, 1],
      [130, 2],
      [117, 3],
    ] as const)
      tracker.observe(equity, t);
    expect(tracker.drawdown(104)).toEqual({ peakEquity: 130, drawdown: 0.2 }); // (130 − 104) / 130
    expect(tracker.drawdown(140)).toEqual({ peakEquity: 140, drawdown: 0 });
  });

  it('answers with the equity given before anything was observed', () => {
    const tracker = new EquityTracker();
    expect(tracker.started).toBe(false);
    expect(tracker.dailyLoss(50, 0)).toEqual({ startOfDayEquity: 50, loss: 0, lossFraction: 0 });
    expect(tracker.drawdown(50)).toEqual({ peakEquity: 50, drawdown: 0 });
  });

  it('never moves the day backwards when the clock steps back', () => {
    const tracker = new EquityTracker();
    tracker.observe(100, day(3, 10));
    tracker.observe(110, day(4, 10));
    tracker.observe(105, day(3, 23)); // stepped back: still day 4
    expect(tracker.startOfDayEquity(day(4, 12), 105)).toBe(100);
  });

  it('gives NaN fractions of a non-positive base', () => {
    const tracker = new EquityTracker();
    tracker.observe(-10, 0);
    expect(tracker.dailyLoss(-20, 1).lossFraction).toBeNaN();
    expect(tracker.drawdown(-20).drawdown).toBeNaN();
  });

  it('refuses non-finite equity and time', () => {
    const tracker = new EquityTracker();
    expect(() => tracker.observe(Number.NaN, 0)).toThrow('equity "NaN" must be a finite number');
    expect(() => tracker.observe(1, Number.POSITIVE_INFINITY)).toThrow(
      'ts "Infinity" must be a finite epoch ms',
    );
  });
});

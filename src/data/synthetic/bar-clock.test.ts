import { describe, expect, it } from 'vitest';
import { BARS_PER_SESSION, buildBarClock, intradayVolumeProfile, tradingDays } from './bar-clock.js';

const DAY = 86_400_000;

describe('tradingDays', () => {
  it('lists weekdays at 00:00 UTC and skips weekends', () => {
    const days = tradingDays(Date.UTC(2024, 0, 4), 5); // Thursday
    expect(Array.from(days, (t) => new Date(t).toISOString().slice(0, 10))).toEqual([
      '2024-01-04',
      '2024-01-05',
      '2024-01-08',
      '2024-01-09',
      '2024-01-10',
    ]);
  });

  it('starts at the first weekday whose midnight is at or after the start', () => {
    expect(tradingDays(Date.UTC(2024, 0, 6), 1)[0]).toBe(Date.UTC(2024, 0, 8)); // Saturday -> Monday
    expect(tradingDays(Date.UTC(2024, 0, 4, 12), 1)[0]).toBe(Date.UTC(2024, 0, 5)); // Thursday noon -> Friday
  });

  it('handles dates before 1970', () => {
    const days = tradingDays(Date.UTC(1969, 11, 27), 2); // a Saturday
    expect(Array.from(days)).toEqual([Date.UTC(1969, 11, 29), Date.UTC(1969, 11, 30)]);
  });

  it('never yields a Saturday or Sunday over a long span', () => {
    const days = tradingDays(Date.UTC(2021, 5, 1), 2000);
    const weekends = Array.from(days).filter((t) => [0, 6].includes(new Date(t).getUTCDay()));
    expect(weekends).toEqual([]);
    const steps = new Set(Array.from(days.subarray(1), (t, i) => (t - (days[i] as number)) / DAY));
    expect([...steps].sort()).toEqual([1, 3]);
  });
});

describe('buildBarClock', () => {
  it('gives daily bars a year fraction of 1/252 and the overnight share as gap share', () => {
    const clock = buildBarClock(Date.UTC(2024, 0, 1), 3, '1d', 0.2);
    expect(clock.barsPerDay).toBe(1);
    expect(Array.from(clock.yearFraction)).toEqual([1 / 252, 1 / 252, 1 / 252]);
    expect(Array.from(clock.gapShare)).toEqual([0.2, 0.2, 0.2]);
    expect(Array.from(clock.logVolumeShare)).toEqual([0, 0, 0]);
  });

  it('lays 390 minute bars from 14:30 to 20:59 UTC on each day, the day time summing to 1/252', () => {
    const clock = buildBarClock(Date.UTC(2024, 0, 5), 2, '1m', 0.2); // Friday, then Monday
    expect(clock.ts.length).toBe(2 * BARS_PER_SESSION);
    expect(clock.ts[0]).toBe(Date.UTC(2024, 0, 5, 14, 30));
    expect(clock.ts[389]).toBe(Date.UTC(2024, 0, 5, 20, 59));
    expect(clock.ts[390]).toBe(Date.UTC(2024, 0, 8, 14, 30));
    let dayTime = 0;
    let share = 0;
    for (let k = 0; k < BARS_PER_SESSION; k++) {
      dayTime += clock.yearFraction[k] as number;
      share += Math.exp(clock.logVolumeShare[k] as number);
    }
    expect(dayTime).toBeCloseTo(1 / 252, 15);
    expect(share).toBeCloseTo(1, 12);
    // The opening bar carries the overnight variance: its gap share is overnight / (overnight + one minute).
    const minute = 0.8 / 252 / 390;
    expect(clock.gapShare[0]).toBeCloseTo(0.2 / 252 / (0.2 / 252 + minute), 12);
    expect(clock.gapShare[1]).toBe(0);
    expect(clock.gapShare[390]).toBe(clock.gapShare[0]);
  });
});

describe('intradayVolumeProfile', () => {
  it('is U-shaped with mean 1', () => {
    const profile = intradayVolumeProfile();
    const mean = profile.reduce((sum, w) => sum + w, 0) / profile.length;
    expect(mean).toBeCloseTo(1, 12);
    const midday = profile[195] as number;
    expect(profile[0]).toBeGreaterThan(2.5 * midday);
    expect(profile[389]).toBeGreaterThan(2 * midday);
    expect(Math.min(...profile)).toBeGreaterThan(0.4);
  });
});

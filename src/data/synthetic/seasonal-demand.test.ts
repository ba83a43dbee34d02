import { describe, expect, it } from 'vitest';
import { HALF_HOURS_PER_WEEK, seasonalDemand } from './seasonal-demand.js';

const QUIET = { noise: 0 } as const;

describe('seasonalDemand', () => {
  it('gives the hand-worked deterministic values (noise 0, defaults, Monday 2024-01-01 start)', () => {
    const { ts, demand } = seasonalDemand({ length: 400, seed: 1, ...QUIET });
    // Monday 00:00: 1000 + 0 + 300 · (-1 - 0.5) + 150 · 0.4 = 610.
    expect(demand[0]).toBeCloseTo(610, 10);
    // Monday 08:00 (t = 16): d = -cos(2π/3) - 0.5 cos(4π/3) = 0.75 → 1000 + 2 · 16/48 + 225 + 60.
    expect(demand[16]).toBeCloseTo(1285 + 2 / 3, 10);
    // Saturday 12:00 (t = 264): d = 1 - 0.5 = 0.5, weekend → 1000 + 11 + 150 - 150.
    expect(demand[264]).toBeCloseTo(1011, 10);
    expect(ts[0]).toBe(Date.UTC(2024, 0, 1));
    expect((ts[399] as number) - (ts[398] as number)).toBe(1_800_000);
  });

  it('takes the weekday and time of day from the start timestamp', () => {
    // Saturday 2024-01-06 06:00: d = -cos(π/2) - 0.5 cos(π) = 0.5, weekend → 1000 + 150 - 150.
    const { demand } = seasonalDemand({ length: 1, seed: 1, start: Date.UTC(2024, 0, 6, 6), ...QUIET });
    expect(demand[0]).toBeCloseTo(1000, 10);
  });

  it('repeats every week without trend and noise, but not every day', () => {
    const { demand } = seasonalDemand({ length: 3 * HALF_HOURS_PER_WEEK, seed: 1, trendPerDay: 0, ...QUIET });
    let weekly = 0;
    let daily = 0;
    for (let t = 0; t + HALF_HOURS_PER_WEEK < demand.length; t++) {
      weekly = Math.max(
        weekly,
        Math.abs((demand[t + HALF_HOURS_PER_WEEK] as number) - (demand[t] as number)),
      );
      daily = Math.max(daily, Math.abs((demand[t + 48] as number) - (demand[t] as number)));
    }
    expect(weekly).toBeLessThan(1e-9);
    expect(daily).toBeCloseTo(210, 9); // Friday → Saturday: 150 · (0.4 - (-1))
    const meanOfWeek =
      demand.subarray(0, HALF_HOURS_PER_WEEK).reduce((sum, y) => sum + y, 0) / HALF_HOURS_PER_WEEK;
    expect(meanOfWeek).toBeCloseTo(1000, 9);
  });

  it('adds AR(1) noise of the requested deviation and autocorrelation', () => {
    const options = { length: 100_000, seed: 42, noise: 30, noiseAutocorrelation: 0.6 };
    const noisy = seasonalDemand(options).demand;
    const quiet = seasonalDemand({ ...options, noise: 0 }).demand;
    const noise = noisy.map((y, t) => y - (quiet[t] as number));
    const mean = noise.reduce((sum, e) => sum + e, 0) / noise.length;
    let variance = 0;
    let covariance = 0;
    for (let t = 0; t < noise.length; t++) {
      variance += ((noise[t] as number) - mean) ** 2;
      if (t > 0) covariance += ((noise[t] as number) - mean) * ((noise[t - 1] as number) - mean);
    }
    expect(Math.sqrt(variance / noise.length)).toBeCloseTo(30, 0);
    expect(covariance / variance).toBeCloseTo(0.6, 1);
  });

  it('is reproducible from its seed', () => {
    const first = seasonalDemand({ length: 500, seed: 7 }).demand;
    expect(seasonalDemand({ length: 500, seed: 7 }).demand).toEqual(first);
    expect(seasonalDemand({ length: 500, seed: 8 }).demand).not.toEqual(first);
  });

  it('refuses bad options, quoting the value', () => {
    expect(() => seasonalDemand({ length: 0, seed: 1 })).toThrow('length "0" must be a whole number');
    expect(() => seasonalDemand({ length: 1, seed: 1.5 })).toThrow('seed "1.5" must be an integer');
    expect(() => seasonalDemand({ length: 1, seed: 1, start: 1000 })).toThrow(
      'start "1000" must be epoch ms on a half-hour',
    );
    expect(() => seasonalDemand({ length: 1, seed: 1, noise: -1 })).toThrow(
      'noise "-1" must be a finite number >= 0',
    );
    expect(() => seasonalDemand({ length: 1, seed: 1, level: Number.NaN })).toThrow(
      'level "NaN" must be a finite number',
    );
    expect(() => seasonalDemand({ length: 1, seed: 1, noiseAutocorrelation: 1 })).toThrow(
      'noise autocorrelation "1" must be in (-1, 1)',
    );
  });
});

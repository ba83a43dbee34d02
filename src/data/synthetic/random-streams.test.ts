import { describe, expect, it } from 'vitest';
import { randomStream, shockSampler } from './random-streams.js';

function moments(draw: () => number, n: number): { mean: number; variance: number; kurtosis: number } {
  let s1 = 0;
  let s2 = 0;
  let s4 = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    s1 += x;
    s2 += x * x;
    s4 += x ** 4;
  }
  const variance = s2 / n;
  return { mean: s1 / n, variance, kurtosis: s4 / n / (variance * variance) };
}

describe('randomStream', () => {
  it('is the same stream for the same seed and label, and another for another label or seed', () => {
    const first = (seed: number, label: string): number => randomStream(seed, label).nextUint32();
    expect(first(42, 'symbol/AAPL/path')).toBe(first(42, 'symbol/AAPL/path'));
    const values = new Set([
      first(42, 'symbol/AAPL/path'),
      first(42, 'symbol/AAPL/bars'),
      first(42, 'symbol/MSFT/path'),
      first(43, 'symbol/AAPL/path'),
      first(2 ** 40, 'symbol/AAPL/path'),
    ]);
    expect(values.size).toBe(5);
  });
});

describe('shockSampler', () => {
  it('draws unit-variance normal shocks', () => {
    const { mean, variance, kurtosis } = moments(
      shockSampler(randomStream(1, 'n'), { distribution: 'normal' }),
      200_000,
    );
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(variance).toBeCloseTo(1, 1);
    expect(kurtosis).toBeCloseTo(3, 0);
  });

  it('draws unit-variance Student-t shocks with fat tails', () => {
    // dof 8: kurtosis 3 + 6 / (dof - 4) = 4.5, with a finite eighth moment so the estimate settles.
    const draw = shockSampler(randomStream(2, 't'), { distribution: 'student-t', degreesOfFreedom: 8 });
    const { mean, variance, kurtosis } = moments(draw, 400_000);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(variance).toBeGreaterThan(0.97);
    expect(variance).toBeLessThan(1.03);
    expect(kurtosis).toBeGreaterThan(4);
    expect(kurtosis).toBeLessThan(5);
  });

  it('matches the Student-t distribution function at a few points', () => {
    // P(T <= 1) and P(T <= 2) for 5 degrees of freedom (unscaled T): 0.81839 and 0.94903.
    const dof = 5;
    const draw = shockSampler(randomStream(3, 'cdf'), { distribution: 'student-t', degreesOfFreedom: dof });
    const unscale = Math.sqrt(dof / (dof - 2));
    let below1 = 0;
    let below2 = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const t = draw() * unscale;
      if (t <= 1) below1++;
      if (t <= 2) below2++;
    }
    expect(below1 / n).toBeCloseTo(0.81839, 2);
    expect(below2 / n).toBeCloseTo(0.94903, 2);
  });

  it('defaults to 5 degrees of freedom', () => {
    const a = shockSampler(randomStream(4, 'x'), { distribution: 'student-t' });
    const b = shockSampler(randomStream(4, 'x'), { distribution: 'student-t', degreesOfFreedom: 5 });
    for (let i = 0; i < 100; i++) expect(a()).toBe(b());
  });
});

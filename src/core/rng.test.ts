import { describe, expect, it } from 'vitest';
import { SeededRng } from './rng.js';

const DRAWS = 100_000;

function moments(values: Float64Array): {
  mean: number;
  variance: number;
  skewness: number;
  kurtosis: number;
} {
  const n = values.length;
  let mean = 0;
  for (const v of values) mean += v;
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const v of values) {
    const d = v - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return { mean, variance: m2, skewness: m3 / m2 ** 1.5, kurtosis: m4 / (m2 * m2) };
}

function draw(count: number, next: () => number): Float64Array {
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) values[i] = next();
  return values;
}

describe('SeededRng', () => {
  it('gives a bit-identical sequence for the same seed', () => {
    const a = new SeededRng(12345);
    const b = new SeededRng(12345);
    for (let i = 0; i < 1000; i++) expect(a.nextUint32()).toBe(b.nextUint32());
    const x = draw(1000, () => a.next());
    const y = draw(1000, () => b.next());
    expect(Buffer.from(x.buffer).equals(Buffer.from(y.buffer))).toBe(true);
    const nx = draw(1000, () => a.normal());
    const ny = draw(1000, () => b.normal());
    expect(Buffer.from(nx.buffer).equals(Buffer.from(ny.buffer))).toBe(true);
  });

  it('keeps the sfc32 stream of a known seed, so stored backtests replay identically', () => {
    const rng = new SeededRng(42);
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toEqual([
      3825871779, 1851418855, 1383259262, 890322987,
    ]);
  });

  it('gives different streams for different seeds, neighbours included', () => {
    const firsts = new Set<string>();
    for (let seed = -500; seed < 500; seed++) {
      const rng = new SeededRng(seed);
      firsts.add(`${rng.nextUint32()},${rng.nextUint32()}`);
    }
    expect(firsts.size).toBe(1000);
    const a = new SeededRng(1);
    const b = new SeededRng(2);
    let equal = 0;
    for (let i = 0; i < 1000; i++) if (a.nextUint32() === b.nextUint32()) equal++;
    expect(equal).toBe(0);
  });

  it('refuses a seed that is not an integer', () => {
    expect(() => new SeededRng(1.5)).toThrow('seed "1.5" must be an integer');
    expect(() => new SeededRng(Number.NaN)).toThrow(RangeError);
  });

  it('draws next() in [0, 1), uniformly', () => {
    const rng = new SeededRng(7);
    const values = draw(DRAWS, () => rng.next());
    const buckets = new Array<number>(10).fill(0);
    let outside = 0;
    for (const v of values) {
      if (v >= 0 && v < 1) buckets[Math.floor(v * 10)]! += 1;
      else outside++;
    }
    expect(outside).toBe(0);
    // Chi-square with 9 degrees of freedom: 27.9 is its 0.999 quantile.
    const expected = DRAWS / 10;
    const chiSquare = buckets.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(27.9);
    expect(moments(values).mean).toBeCloseTo(0.5, 2);
  });

  it('draws uniform(min, max) in [min, max)', () => {
    const rng = new SeededRng(8);
    const values = draw(10_000, () => rng.uniform(-3, 5));
    expect(values.every((v) => v >= -3 && v < 5)).toBe(true);
    expect(Math.min(...values)).toBeLessThan(-2.99);
    expect(Math.max(...values)).toBeGreaterThan(4.99);
  });

  it('draws int(min, max) with both bounds included and nothing outside', () => {
    const rng = new SeededRng(9);
    const counts = new Map<number, number>();
    for (let i = 0; i < 60_000; i++) {
      const v = rng.int(1, 6);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    for (const count of counts.values()) expect(Math.abs(count - 10_000)).toBeLessThan(500);
    expect(rng.int(5, 5)).toBe(5);
    expect(rng.int(-2, -2)).toBe(-2);
  });

  it('draws standard normals: mean ≈ 0, variance ≈ 1, no skew, kurtosis ≈ 3 over 100k draws', () => {
    const rng = new SeededRng(10);
    const stats = moments(draw(DRAWS, () => rng.normal()));
    // Standard errors at n = 1e5: mean 0.0032, variance 0.0045, skewness 0.0077, kurtosis 0.015.
    expect(Math.abs(stats.mean)).toBeLessThan(0.02);
    expect(Math.abs(stats.variance - 1)).toBeLessThan(0.03);
    expect(Math.abs(stats.skewness)).toBeLessThan(0.05);
    expect(Math.abs(stats.kurtosis - 3)).toBeLessThan(0.1);
  });

  it('draws Student-t with variance dof / (dof - 2)', () => {
    const rng = new SeededRng(11);
    const stats = moments(draw(DRAWS, () => rng.studentT(10)));
    expect(Math.abs(stats.mean)).toBeLessThan(0.02);
    expect(Math.abs(stats.variance - 10 / 8)).toBeLessThan(0.04);
    expect(stats.kurtosis).toBeGreaterThan(3.5);
  });

  it('draws Poisson counts with mean and variance lambda', () => {
    const rng = new SeededRng(12);
    const values = draw(50_000, () => rng.poisson(3));
    expect(values.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
    const stats = moments(values);
    expect(Math.abs(stats.mean - 3)).toBeLessThan(0.05);
    expect(Math.abs(stats.variance - 3)).toBeLessThan(0.1);
    expect(rng.poisson(0)).toBe(0);
  });

  it('forks reproducible sub-streams distinct from the parent', () => {
    const a = new SeededRng(13);
    const b = new SeededRng(13);
    const childA = a.fork();
    const childB = b.fork();
    const fromChild = draw(100, () => childA.nextUint32());
    expect(draw(100, () => childB.nextUint32())).toEqual(fromChild);
    expect(draw(100, () => a.nextUint32())).not.toEqual(fromChild);
  });
});

/**
 * Correlation matrix of N assets × T observations (src/stats/correlation-matrix.ts) against two baselines
 * measured in the same run: the naive triple loop (for each pair, one pass for the two means and one for the
 * centred sums) and a scalar-JavaScript 4×4 register-blocked kernel over centred rows (the best pure-JS kernel
 * tried, which shows what the WebAssembly SIMD kernel adds). Targets (issue 3): 100 × 252 ≤ 1 ms and
 * 500 × 2520 ≤ 150 ms on one core. Each figure is the median of repeated runs after warm-up.
 */
import { performance } from 'node:perf_hooks';
import { SeededRng } from '../src/core/rng.js';
import { correlationMatrix } from '../src/stats/correlation-matrix.js';
import { median } from './stats.js';

/**
 * Median of `runs` timed calls, after untimed ones (at least runs / 5, and at least 500 ms of them) so that V8
 * has optimised the JavaScript and tiered the WebAssembly up from its baseline compiler.
 */
function time(runs: number, work: () => unknown): number {
  const warmUpStart = performance.now();
  for (let i = 0; i < Math.ceil(runs / 5) || performance.now() - warmUpStart < 500; i++) work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Baseline 1: the textbook two-pass formula for every pair (upper triangle, mirrored). */
function naiveCorrelation(rows: readonly Float64Array[]): Float64Array {
  const n = rows.length;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const x = rows[i] as Float64Array;
      const y = rows[j] as Float64Array;
      const length = x.length;
      let sumX = 0;
      let sumY = 0;
      for (let t = 0; t < length; t++) {
        sumX += x[t] as number;
        sumY += y[t] as number;
      }
      const meanX = sumX / length;
      const meanY = sumY / length;
      let sxy = 0;
      let sxx = 0;
      let syy = 0;
      for (let t = 0; t < length; t++) {
        const dx = (x[t] as number) - meanX;
        const dy = (y[t] as number) - meanY;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
      }
      out[i * n + j] = out[j * n + i] = sxy / Math.sqrt(sxx * syy);
    }
  }
  return out;
}

/** Baseline 2: centre once, then scalar 4×4 blocks of dot products over contiguous rows (upper triangle). */
function blockedScalarCorrelation(rows: readonly Float64Array[]): Float64Array {
  const n = rows.length;
  const length = rows[0]?.length ?? 0;
  const padded = Math.ceil(n / 4) * 4;
  const d = new Float64Array(padded * length);
  rows.forEach((row, i) => {
    let sum = 0;
    for (let t = 0; t < length; t++) sum += row[t] as number;
    const mean = sum / length;
    for (let t = 0; t < length; t++) d[i * length + t] = (row[t] as number) - mean;
  });
  const g = new Float64Array(padded * padded);
  // prettier-ignore
  for (let i = 0; i < padded; i += 4) {
    const a0 = i * length, a1 = a0 + length, a2 = a1 + length, a3 = a2 + length;
    for (let j = i; j < padded; j += 4) {
      const b0 = j * length, b1 = b0 + length, b2 = b1 + length, b3 = b2 + length;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      for (let t = 0; t < length; t++) {
        const x0 = d[a0 + t] as number, x1 = d[a1 + t] as number, x2 = d[a2 + t] as number, x3 = d[a3 + t] as number;
        const y0 = d[b0 + t] as number, y1 = d[b1 + t] as number, y2 = d[b2 + t] as number, y3 = d[b3 + t] as number;
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
        s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3;
        s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3;
      }
      const sums = [s00, s01, s02, s03, s10, s11, s12, s13, s20, s21, s22, s23, s30, s31, s32, s33];
      for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) g[(i + r) * padded + j + c] = sums[r * 4 + c] as number;
    }
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const value =
        (g[i * padded + j] as number) /
        Math.sqrt((g[i * padded + i] as number) * (g[j * padded + j] as number));
      out[i * n + j] = out[j * n + i] = value;
    }
  }
  return out;
}

function returnsMatrix(assets: number, observations: number, seed: number): Float64Array[] {
  const rng = new SeededRng(seed);
  const market = Float64Array.from({ length: observations }, () => 0.01 * rng.normal());
  return Array.from({ length: assets }, () =>
    Float64Array.from(market, (m) => 0.8 * m + 0.01 * rng.normal()),
  );
}

function maxDifference(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
}

const rows = [] as string[];
for (const [assets, observations, runs, naiveRuns, target] of [
  [100, 252, 300, 30, '≤ 1 ms'],
  [500, 2520, 15, 3, '≤ 150 ms'],
] as const) {
  const data = returnsMatrix(assets, observations, assets);
  const ours = correlationMatrix(data).values;
  const difference = Math.max(
    maxDifference(ours, naiveCorrelation(data)),
    maxDifference(ours, blockedScalarCorrelation(data)),
  );
  const naive = time(naiveRuns, () => naiveCorrelation(data));
  const blocked = time(runs, () => blockedScalarCorrelation(data));
  const fast = time(runs, () => correlationMatrix(data));
  const shape = `${assets} × ${observations}`;
  rows.push(`| ${shape} | baseline: naive two-pass triple loop | ${naive.toFixed(3)} | 1.0× | |`);
  rows.push(
    `| ${shape} | baseline: scalar JS 4×4 blocked dot products | ${blocked.toFixed(3)} | ${(naive / blocked).toFixed(1)}× | |`,
  );
  rows.push(
    `| ${shape} | correlationMatrix (WebAssembly SIMD 4×4 blocks) | ${fast.toFixed(3)} | ${(naive / fast).toFixed(1)}× | ${target} |`,
  );
  rows.push(`| ${shape} | max abs difference from the baselines | ${difference.toExponential(1)} | | |`);
}
console.log('| assets × observations | implementation | median ms | speed-up vs naive | target |');
console.log('|---|---|---:|---:|---:|');
for (const row of rows) console.log(row);

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRng } from '../core/rng.js';
import { describeReturns } from '../risk/metrics/return-sample.js';
import { sampleRiskTables } from '../risk/metrics/var-methods.js';
import { analyzePortfolioRisk, analyzeRisk } from './analyze-risk.js';

let dir: string;
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/** A seeded random walk written as a dated close CSV; returns the path and the closes. */
function randomWalk(
  name: string,
  seed: number,
  rows: number,
  skipEvery = 0,
): { path: string; closes: number[] } {
  const rng = new SeededRng(seed);
  const lines = ['date,open,close'];
  const closes: number[] = [];
  let price = 100;
  for (let i = 0; i < rows; i++) {
    price *= 1 + 0.0004 + 0.012 * rng.studentT(5);
    if (skipEvery > 0 && i % skipEvery === 3) continue;
    const date = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${date},${price * 0.999},${price}`);
    closes.push(price);
  }
  return { path: write(name, `${lines.join('\n')}\n`), closes };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nt-risk-'));
});

describe('analyzeRisk', () => {
  it('computes every figure of a hand-worked four-return price file', () => {
    // closes 100, 110, 99, 108.9, 119.79 → returns 0.1, −0.1, 0.1, 0.1; with periodsPerYear 4:
    // wealth 1.1, 0.99, 1.089, 1.1979 → max drawdown 1 − 0.99/1.1 = 0.1, peak 2024-01-02, trough 2024-01-03,
    //   recovery 2024-01-05 (1.1979 ≥ 1.1), 3 periods from peak to recovery;
    // sd: mean 0.05, squared deviations 0.0025 + 0.0225 + 0.0025 + 0.0025 = 0.03, /3 = 0.01 → 0.1; × √4 = 0.2;
    // Sharpe (geometric): (1.1979^(4/4) − 1)/0.2 = 0.1979/0.2 = 0.9895;
    // Sortino: downside deviation √(0.01/4) = 0.05 → 0.05/0.05 × √4 = 2;
    // historical VaR 95%: sorted −0.1, 0.1, 0.1, 0.1; h = 3 × 0.05 = 0.15 → 0.85 × (−0.1) + 0.15 × 0.1 = −0.07;
    //   ES 95% = −0.1 (the only return below −0.07).
    const path = write(
      'hand.csv',
      'date,close\n2024-01-01,100\n2024-01-02,110\n2024-01-03,99\n2024-01-04,108.9\n2024-01-05,119.79\n',
    );
    const result = analyzeRisk({
      input: path,
      periodsPerYear: 4,
      methods: ['historical'],
      confidences: [0.95],
    });
    expect(result.observations).toBe(4);
    expect(result.var.historical?.['0.95']).toBeCloseTo(-0.07, 12);
    expect(result.es.historical?.['0.95']).toBeCloseTo(-0.1, 12);
    expect(result.volatility).toBeCloseTo(0.1, 12);
    expect(result.volatilityAnnualized).toBeCloseTo(0.2, 12);
    expect(result.sharpe).toBeCloseTo(0.9895, 10);
    expect(result.sortino).toBeCloseTo(2, 10);
    expect(result.maxDrawdown).toBeCloseTo(0.1, 12);
    expect(result.maxDrawdownDuration).toEqual({
      periods: 3,
      peak: '2024-01-02',
      trough: '2024-01-03',
      recovery: '2024-01-05',
    });
    expect(result.input).toEqual({ file: path, column: 'close', first: '2024-01-01', last: '2024-01-05' });
    expect(result).not.toHaveProperty('beta');
    expect(result).not.toHaveProperty('monteCarlo');
    expect(result.signConvention).toContain('losses are negative');
  });

  it('matches plain-loop PerformanceAnalytics definitions to 1e-9 on five years of daily prices', () => {
    const { path, closes } = randomWalk('walk.csv', 3, 1261);
    const result = analyzeRisk({ input: path, mcPaths: 2000, seed: 7 });
    const returns = closes.slice(1).map((p, i) => p / closes[i]! - 1);
    const n = returns.length;
    expect(result.observations).toBe(n);
    // VaR/ES tables: same numbers as the metrics module on independently computed returns.
    const tables = sampleRiskTables(
      describeReturns(Float64Array.from(returns)),
      ['historical', 'gaussian', 'modified'],
      [0.95, 0.99],
    );
    for (const method of ['historical', 'gaussian', 'modified'] as const) {
      for (const key of ['0.95', '0.99']) {
        expect(Math.abs(result.var[method]![key]! - tables.var[method]![key]!)).toBeLessThan(1e-12);
        expect(Math.abs(result.es[method]![key]! - tables.es[method]![key]!)).toBeLessThan(1e-12);
      }
    }
    expect(result.var.montecarlo?.['0.99']).toBeLessThan(result.var.montecarlo!['0.95']!);
    expect(result.monteCarlo).toEqual({ paths: 2000, seed: 7 });
    // maxDrawdown(geometric): 1 − W_t / cummax(c(1, W)); SharpeRatio.annualized(geometric): Return.annualized / StdDev.annualized
    let wealth = 1;
    let peak = 1;
    let drawdown = 0;
    let mean = 0;
    for (const r of returns) {
      wealth *= 1 + r;
      peak = Math.max(peak, wealth);
      drawdown = Math.max(drawdown, 1 - wealth / peak);
      mean += r / n;
    }
    const sd = Math.sqrt(returns.reduce((sum, r) => sum + (r - mean) ** 2, 0) / (n - 1));
    const annualized = wealth ** (252 / n) - 1;
    expect(Math.abs(result.maxDrawdown - drawdown)).toBeLessThan(1e-9);
    expect(Math.abs(result.volatilityAnnualized - sd * Math.sqrt(252))).toBeLessThan(1e-12);
    expect(Math.abs(result.sharpe - annualized / (sd * Math.sqrt(252)))).toBeLessThan(1e-9);
  });

  it('aligns a benchmark by date and reports beta as cov/var of the matched returns', () => {
    const input = randomWalk('asset.csv', 5, 300);
    const benchmark = randomWalk('bench.csv', 6, 300, 7); // every 7th day missing
    const result = analyzeRisk({ input: input.path, benchmark: benchmark.path, methods: ['gaussian'] });
    // Plain loop: keep the asset's rows whose date the benchmark has, then beta = Σ dx·dy / Σ dy².
    const dates = (closes: number[], skip: number): string[] =>
      Array.from({ length: 300 }, (_, i) => i)
        .filter((i) => !(skip > 0 && i % skip === 3))
        .map((i) => new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10))
        .slice(0, closes.length);
    const benchmarkByDate = new Map(dates(benchmark.closes, 7).map((d, i) => [d, benchmark.closes[i]!]));
    const pairs = dates(input.closes, 0).flatMap((d, i) =>
      benchmarkByDate.has(d) ? [[input.closes[i]!, benchmarkByDate.get(d)!] as const] : [],
    );
    const x = pairs.slice(1).map(([a], i) => a / pairs[i]![0] - 1);
    const y = pairs.slice(1).map(([, b], i) => b / pairs[i]![1] - 1);
    const mx = x.reduce((a, b) => a + b, 0) / x.length;
    const my = y.reduce((a, b) => a + b, 0) / y.length;
    const beta =
      x.reduce((s, xi, i) => s + (xi - mx) * (y[i]! - my), 0) / y.reduce((s, yi) => s + (yi - my) ** 2, 0);
    expect(result.observations).toBe(x.length);
    expect(Math.abs(result.beta! - beta)).toBeLessThan(1e-9);
    expect(result.benchmark).toEqual({ file: benchmark.path, column: 'close' });
  });

  it('uses the only numeric column when there is no close, and a named column when asked', () => {
    const path = write('one.csv', 'price\n10\n11\n10.5\n10.8\n');
    expect(analyzeRisk({ input: path, methods: ['historical'] }).input.column).toBe('price');
    const named = randomWalk('named.csv', 9, 50);
    expect(analyzeRisk({ input: named.path, column: 'open', methods: ['historical'] }).input.column).toBe(
      'open',
    );
  });

  it('rejects bad requests, non-positive prices, unmatched benchmark rows and too short files', () => {
    const walk = randomWalk('short.csv', 1, 40);
    expect(() => analyzeRisk({ input: walk.path, confidences: [0.05] })).toThrow('risk analysis confidences');
    expect(() => analyzeRisk({ input: walk.path, methods: ['kernel' as 'historical'] })).toThrow(
      'risk analysis methods',
    );
    expect(() => analyzeRisk({ input: walk.path, column: 'volume' })).toThrow(
      'column "volume" is not in the file',
    );
    const zero = write('zero.csv', 'date,close\n2024-01-01,10\n2024-01-02,0\n2024-01-03,11\n');
    expect(() => analyzeRisk({ input: zero })).toThrow(
      'column "close" value "0" in line 3 must be a price > 0',
    );
    const gap = write('gap.csv', 'date,close\n2024-01-01,10\n2024-01-02,\n2024-01-03,11\n');
    expect(() => analyzeRisk({ input: gap })).toThrow('value "" in line 3');
    const a = write('a.csv', 'close\n1\n2\n3\n');
    const b = write('b.csv', 'close\n1\n2\n3\n4\n');
    expect(() => analyzeRisk({ input: a, benchmark: b })).toThrow(
      'the benchmark has "4" rows and the input 3',
    );
    const two = write('two.csv', 'close\n1\n2\n');
    expect(() => analyzeRisk({ input: two })).toThrow('at least 3 price rows');
    expect(() => analyzeRisk({ input: join(dir, 'missing.csv') })).toThrow('cannot be read');
  });
});

describe('analyzePortfolioRisk', () => {
  it('adds concentration and performance figures to the risk profile of a weighted book', () => {
    const rng = new SeededRng(2);
    const assetReturns = [0, 1, 2].map(() =>
      Float64Array.from({ length: 260 }, () => 0.0005 + 0.01 * rng.normal()),
    );
    const analysis = analyzePortfolioRisk({
      symbols: ['A', 'B', 'C'],
      assetReturns,
      weights: Float64Array.from([0.5, 0.3, -0.2]),
      confidences: [0.95],
      methods: ['gaussian'],
      periodsPerYear: 252,
      riskFreeRate: 0.02,
      minimumAcceptableReturn: 0,
      benchmarkReturns: assetReturns[0]!,
    });
    // gross 1.0 → weights 0.5, 0.3, 0.2; H = 0.25 + 0.09 + 0.04 = 0.38
    expect(analysis.concentration.herfindahlIndex).toBeCloseTo(0.38, 14);
    expect(analysis.beta).toBeGreaterThan(0.3);
    expect(analysis.profile.positions).toHaveLength(3);
    expect(analysis.drawdown.maxDrawdown).toBeGreaterThan(0);
  });
});

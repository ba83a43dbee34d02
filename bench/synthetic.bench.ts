/**
 * Synthetic market generation, resampling and alignment, each beside a baseline measured in the same run:
 * drawing one standard normal per generated bar with SeededRng (the floor for any generator that draws at
 * least one shock per bar). Targets (issue 2): default universe, 756 daily bars, < 100 ms; 20 symbols x
 * 1 year of 1-minute bars (about 2M bars) within a few seconds.
 */
import { performance } from 'node:perf_hooks';
import { SeededRng } from '../src/core/rng.js';
import { alignSeries } from '../src/data/align.js';
import { resample } from '../src/data/resample.js';
import { generateDefaultMarket } from '../src/data/synthetic/default-universe.js';
import { median } from './stats.js';

function time(runs: number, work: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return median(times);
}

function normals(count: number): Float64Array {
  const rng = new SeededRng(1);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = rng.normal();
  return out;
}

// Warm the JIT on small inputs first so the figures measure steady-state code.
generateDefaultMarket({ days: 50 });
generateDefaultMarket({ days: 2, timeframe: '1m' });

const dailyBars = 20 * 756;
const dailyBaseline = time(30, () => normals(dailyBars));
const daily = time(30, () => generateDefaultMarket());

const intradayMarket = generateDefaultMarket({ days: 252, timeframe: '1m' });
const intradayBars = [...intradayMarket.series.values()].reduce((sum, series) => sum + series.length, 0);
const intradayBaseline = time(3, () => normals(intradayBars));
const intraday = time(3, () => generateDefaultMarket({ days: 252, timeframe: '1m' }));

const minuteSeries = [...intradayMarket.series.values()];
const resampleDaily = time(5, () => minuteSeries.map((series) => resample(series, '1d')));
const resample5m = time(5, () => minuteSeries.map((series) => resample(series, '5m')));
const align = time(5, () => alignSeries(minuteSeries));

const row = (what: string, bars: number, ms: number, target = ''): string =>
  `| ${what} | ${bars.toLocaleString('en-US')} | ${ms.toFixed(1)} | ${((bars / ms) * 1000).toExponential(2)} | ${target} |`;

console.log('| work | bars | median ms | bars/s | target |');
console.log('|---|---:|---:|---:|---:|');
console.log(row('baseline: one SeededRng.normal() per bar', dailyBars, dailyBaseline));
console.log(row('default universe, 756 daily bars x 20 symbols', dailyBars, daily, '< 100 ms'));
console.log(row('baseline: one SeededRng.normal() per bar', intradayBars, intradayBaseline));
console.log(row('default universe, 252 days of 1m bars x 20 symbols', intradayBars, intraday, 'a few s'));
console.log(row('resample those 1m bars to 1d', intradayBars, resampleDaily));
console.log(row('resample those 1m bars to 5m', intradayBars, resample5m));
console.log(row('align the 20 minute series (union, forward fill)', intradayBars, align));
console.log(
  `\nGeneration costs ${(intraday / intradayBaseline).toFixed(1)}x the one-normal-per-bar floor (1m run).`,
);

/**
 * The optimizer's worker_threads pool (issue 7): a 1,000-trial sma-cross grid (fast 5..50 step 5 x slow
 * 60..555 step 5) over 10 symbols x 10 years of daily bars (generateMarket, default universe), run on 1 and
 * on 2 workers in the same process. Baseline: the same trials evaluated serially on the main thread.
 * Targets: <= 5 s on this 2-core machine; near-linear speed-up 1 -> 2 workers (ratio reported).
 */
import { DEFAULT_UNIVERSE, generateMarket } from '../src/data/synthetic/index.js';
import { evaluateTrial } from '../src/optimize/evaluate-trial.js';
import type { TrialContext, TrialSpec } from '../src/optimize/optimize.types.js';
import { WorkerPool } from '../src/optimize/worker-pool.js';

const market = generateMarket(
  { sectors: DEFAULT_UNIVERSE.sectors, symbols: DEFAULT_UNIVERSE.symbols.slice(0, 10) },
  { seed: 7, start: Date.UTC(2010, 0, 1), days: 2520, timeframe: '1d' },
);
const series = [...market.series.values()];
const context: TrialContext = {
  strategy: 'sma-cross',
  baseParams: {},
  settings: { cash: 1_000_000, percentEquity: 95, commissionBps: 1 },
};
const trials: TrialSpec[] = [];
for (let fast = 5; fast <= 50; fast += 5) {
  for (let slow = 60; slow <= 555; slow += 5) {
    trials.push({ id: `f${fast}-s${slow}`, index: trials.length, params: { fast, slow } });
  }
}

async function timePool(workers: number): Promise<number> {
  const pool = new WorkerPool({ context, series, workers });
  try {
    await pool.run(trials.slice(0, workers), () => undefined); // workers loaded and JIT warmed
    const start = performance.now();
    await pool.run(trials, () => undefined);
    return performance.now() - start;
  } finally {
    await pool.close();
  }
}

for (const spec of trials.slice(0, 5)) evaluateTrial(spec, context, series);
const serialStart = performance.now();
for (const spec of trials) evaluateTrial(spec, context, series);
const serial = performance.now() - serialStart;
const one = await timePool(1);
const two = await timePool(2);

console.log(
  `${trials.length} trials, ${series.length} symbols x ${series[0]?.length} daily bars, sma-cross grid\n`,
);
console.log('| configuration | wall time | trials/s | target |');
console.log('|---|---:|---:|---:|');
for (const [name, ms] of [
  ['serial, main thread (baseline)', serial],
  ['pool, 1 worker', one],
  ['pool, 2 workers', two],
] as const) {
  const target = name === 'pool, 2 workers' ? '<= 5 s' : '';
  console.log(
    `| ${name} | ${(ms / 1000).toFixed(2)} s | ${((trials.length * 1000) / ms).toFixed(1)} | ${target} |`,
  );
}
console.log(`\nspeed-up 1 -> 2 workers: ${(one / two).toFixed(2)}x`);

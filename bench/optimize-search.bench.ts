/**
 * Optimizer domain costs (issue 7): the search methods' own overhead over 10,000 trials (ask/tell with a
 * trivial objective, so only the method is timed) — TPE against random search as the baseline, in batches of
 * 1 (sequential) and 16 (a worker pool's batch) — and PBO by CSCV with C(16, 8) = 12,870 combinations.
 */
import { performance } from 'node:perf_hooks';
import { SeededRng } from '../src/core/rng.js';
import type { TrialParams } from '../src/optimize/optimize.types.js';
import { parseParameterSpace } from '../src/optimize/parameter-space.js';
import { probabilityOfBacktestOverfitting } from '../src/optimize/pbo.js';
import { RandomSearch } from '../src/optimize/random-search.js';
import type { SearchMethod } from '../src/optimize/search-method.js';
import { TpeSearch } from '../src/optimize/tpe-search.js';

const space = parseParameterSpace('fast=2:200:1,slow=10:500:1,threshold=0:1:0.01,mode=a|b|c');
const objective = (p: TrialParams): number =>
  -((((p.fast as number) - 40) / 200) ** 2) -
  (((p.slow as number) - 180) / 500) ** 2 -
  ((p.threshold as number) - 0.3) ** 2;

function drainMs(search: SearchMethod, batch: number): number {
  const start = performance.now();
  for (let points = search.ask(batch); points.length > 0; points = search.ask(batch))
    search.tell(points.map((params) => ({ params, objective: objective(params) })));
  return performance.now() - start;
}

const TRIALS = 10_000;
console.log(
  `Search overhead over ${TRIALS.toLocaleString('en-US')} trials (4 dimensions, trivial objective):`,
);
console.log('');
console.log('| method | batch | total ms | µs per trial |');
console.log('|---|---:|---:|---:|');
for (const batch of [1, 16]) {
  const random = drainMs(new RandomSearch(space, { trials: TRIALS, seed: 1 }), batch);
  const tpe = drainMs(new TpeSearch(space, { trials: TRIALS, seed: 1 }), batch);
  console.log(
    `| baseline: random | ${batch} | ${random.toFixed(0)} | ${((random * 1000) / TRIALS).toFixed(1)} |`,
  );
  console.log(`| tpe | ${batch} | ${tpe.toFixed(0)} | ${((tpe * 1000) / TRIALS).toFixed(1)} |`);
}

// TPE cost per ask must not grow with the history: time the first and the last 1,000 asks of one run.
const tpe = new TpeSearch(space, { trials: TRIALS, seed: 2 });
const perThousand: number[] = [];
let last = performance.now();
for (let i = 1; i <= TRIALS; i++) {
  const [params] = tpe.ask(1);
  if (params === undefined) break;
  tpe.tell([{ params, objective: objective(params) }]);
  if (i % 1000 === 0) {
    const now = performance.now();
    perThousand.push(now - last);
    last = now;
  }
}
console.log(
  `\nTPE ms per 1,000 sequential asks, trials 1k…10k: ${perThousand.map((ms) => ms.toFixed(0)).join(', ')} (flat = bounded)`,
);

const rng = new SeededRng(1);
const returns = Array.from({ length: 1000 }, () =>
  Float64Array.from({ length: 2520 }, () => 0.01 * rng.normal()),
);
const pboStart = performance.now();
const pbo = probabilityOfBacktestOverfitting(returns, { blocks: 16 });
const pboMs = performance.now() - pboStart;
console.log(
  `\nPBO (CSCV, 16 blocks = ${pbo.combinations.toLocaleString('en-US')} combinations) of 1,000 trials × 2,520 returns: ${pboMs.toFixed(0)} ms`,
);

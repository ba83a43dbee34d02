import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDefaultMarket } from '../data/synthetic/index.js';
import { evaluateTrial } from './evaluate-trial.js';
import type { TrialContext, TrialResult, TrialSpec } from './optimize.types.js';
import { WorkerPool, workerEntry, type TrialProgress } from './worker-pool.js';

const series = [...generateDefaultMarket({ days: 400, seed: 5 }).series.values()].slice(0, 3);
const context: TrialContext = {
  strategy: 'sma-cross',
  baseParams: {},
  settings: { cash: 100_000, percentEquity: 90, commissionBps: 1 },
};
const grid: TrialSpec[] = [];
for (const fast of [5, 10, 20]) {
  for (const slow of [15, 40, 80]) {
    grid.push({ id: `f${fast}-s${slow}`, index: grid.length, params: { fast, slow } });
  }
}

const pools: WorkerPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

function pool(options: Partial<ConstructorParameters<typeof WorkerPool>[0]> = {}): WorkerPool {
  const created = new WorkerPool({ context, series, workers: 2, ...options });
  pools.push(created);
  return created;
}

async function runAll(target: WorkerPool, trials: readonly TrialSpec[]): Promise<TrialResult[]> {
  const results: TrialResult[] = [];
  await target.run(trials, (result) => results.push(result));
  return results.sort((x, y) => x.index - y.index);
}

const comparable = (r: TrialResult) => ({ ...r, durationMs: 0 });

describe('WorkerPool', () => {
  it('gives bit-identical results to evaluating the trials serially, with 2 workers', async () => {
    const progress: TrialProgress[] = [];
    const results = await runAll(pool({ onProgress: (p) => progress.push(p) }), grid);
    // Reference: the same trials evaluated one after another on this thread.
    const serial = grid.map((spec) => evaluateTrial(spec, context, series));
    expect(results.map(comparable)).toEqual(serial.map(comparable));
    // fast 20 / slow 15 is refused by sma-cross (fast must be shorter than slow): an error result.
    expect(results.find((r) => r.id === 'f20-s15')?.error).toMatch(/fast must be shorter/);
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(progress.every((p) => p.total === 9)).toBe(true);
    // Best so far ends at the highest Sharpe ratio among the successful trials (computed here from serial).
    const bestSharpe = Math.max(
      ...serial.filter((r) => r.error === null).map((r) => r.metrics.sharpeRatio as number),
    );
    expect(progress.at(-1)?.best?.metrics.sharpeRatio).toBe(bestSharpe);
  });

  it('runs several batches on the same workers and an empty batch at once', async () => {
    const target = pool({ workers: 1 });
    expect(await runAll(target, [])).toEqual([]);
    expect((await runAll(target, grid.slice(0, 2))).map((r) => r.id)).toEqual(['f5-s15', 'f5-s40']);
    expect((await runAll(target, grid.slice(2, 3))).map((r) => r.id)).toEqual(['f5-s80']);
  });

  it('replaces a crashed worker, retries its trial once, then reports a second crash as an error', async () => {
    const marker = join(mkdtempSync(join(tmpdir(), 'nt-pool-')), 'crashed');
    const target = pool({ workerUrl: new URL('./crashing-trial-worker.fixture.ts', import.meta.url) });
    const before = target.threadIds;
    const trials: TrialSpec[] = [
      { id: `crash-once:${marker}`, index: 0, params: { fast: 5, slow: 40 } },
      { id: 'crash-always', index: 1, params: { fast: 5, slow: 40 } },
      ...grid.slice(0, 4).map((spec, i) => ({ ...spec, index: i + 2 })),
    ];
    const results = await runAll(target, trials);
    expect(results).toHaveLength(6);
    // The trial that crashed once succeeded on its retry with the same numbers as the serial evaluation.
    const once = evaluateTrial(trials[0] as TrialSpec, context, series);
    expect(comparable(results[0] as TrialResult)).toEqual(comparable(once));
    expect(results[1]?.error).toMatch(/worker crashed twice running trial "crash-always": exit code 3/);
    expect(results.slice(2).every((r) => r.error === null)).toBe(true);
    // Three crashes, three replacements: still two workers, none of them an original one.
    expect(target.threadIds).toHaveLength(2);
    expect(target.threadIds.some((id) => before.includes(id))).toBe(false);
  });

  it('refuses a bad worker count and runs after close', async () => {
    expect(() => new WorkerPool({ context, series, workers: 0 })).toThrow(
      /workers "0" must be an integer >= 1/,
    );
    const target = pool({ workers: 1 });
    await target.close();
    await expect(target.run(grid, () => undefined)).rejects.toThrow(/closed/);
  });

  it('fails the run when workers die before running anything', async () => {
    const target = pool({ workers: 1, workerUrl: new URL('data:text/javascript,process.exit(9)') });
    await expect(target.run(grid, () => undefined)).rejects.toThrow(/keep dying/);
  });

  it('loads the worker from the .ts source when no compiled .js is beside it', () => {
    const entry = workerEntry();
    expect(entry.url.pathname.endsWith('/trial-worker.ts')).toBe(true);
    expect(entry.typescript).toBe(true);
    expect(workerEntry(new URL('data:text/javascript,1')).typescript).toBe(false);
  });
});

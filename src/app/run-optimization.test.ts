import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDefaultMarket } from '../data/synthetic/index.js';
import type { TrialExecutor, TrialResult } from '../optimize/optimize.types.js';
import { SerialExecutor } from '../optimize/serial-executor.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/open-sqlite-store.js';
import { runOptimization, showOptimization, type OptimizeConfig } from './run-optimization.js';
import { simulateStrategy } from './simulate-strategy.js';

const config: OptimizeConfig = {
  strategy: 'sma-cross',
  params: 'fast=5:15:5,slow=20:40:10',
  method: 'grid',
  data: { kind: 'store', symbols: ['SPY'] },
  settings: { quantity: 100, commissionPerOrder: 1 },
};

describe('runOptimization', () => {
  let store: SqliteStore;
  let clock = 1_000;
  const now = (): number => clock++;
  beforeEach(async () => {
    store = openSqliteStore({ path: ':memory:' });
    const spy = generateDefaultMarket({ days: 400 }).series.get('SPY');
    if (spy === undefined) throw new Error('SPY');
    await store.bars.upsertBars(spy);
  });
  afterEach(() => store.close());

  it('runs every grid point, ranks by the objective and stores each trial', async () => {
    const report = await runOptimization(store, { config, now });
    expect(report.trials).toHaveLength(9);
    const sharpes = report.trials.map((t) => t.metrics['sharpeRatio'] as number);
    expect(sharpes).toEqual([...sharpes].sort((a, b) => b - a));
    expect(report.best?.rank).toBe(1);
    // Independent check: the best trial equals a plain backtest with its parameters.
    const spy = await store.bars.loadBars('SPY', '1d');
    const direct = simulateStrategy('sma-cross', [spy], {
      quantity: 100,
      commissionPerOrder: 1,
      params: report.best?.params ?? {},
    });
    expect(report.best?.metrics['sharpeRatio']).toBe(direct.metrics.sharpeRatio);
    expect(report.pbo).toBeGreaterThanOrEqual(0);
    expect(report.pbo).toBeLessThanOrEqual(1);
    expect(report.deflatedSharpe?.trials).toBe(9);
    expect(await store.trials.list(report.runId as never)).toHaveLength(9);
    const shown = await showOptimization(store, report.runId);
    expect(shown.best?.params).toEqual(report.best?.params);
  });

  it('resumes an interrupted run without redoing finished trials, to the same result', async () => {
    const reference = await runOptimization(store, { config, now });
    let delivered = 0;
    const failing = (context: never, series: never): TrialExecutor => {
      const inner = new SerialExecutor(context, series);
      return {
        run: (trials, onResult) =>
          inner.run(trials, (r: TrialResult) => {
            if (++delivered > 4) throw new Error('killed');
            onResult(r);
          }),
        close: () => inner.close(),
      };
    };
    await expect(runOptimization(store, { config, now, executor: failing as never })).rejects.toThrow(
      'killed',
    );
    const runs = await store.runs.list({ kind: 'optimization' });
    const interrupted = runs.find((r) => r.status === 'running');
    if (interrupted === undefined) throw new Error('expected the interrupted run');
    expect(await store.trials.list(interrupted.id)).toHaveLength(4);
    let ran = 0;
    const counting = (context: never, series: never): TrialExecutor => {
      const inner = new SerialExecutor(context, series);
      return {
        run: (trials, onResult) => ((ran += trials.length), inner.run(trials, onResult)),
        close: () => inner.close(),
      };
    };
    const resumed = await runOptimization(store, {
      resume: interrupted.id,
      now,
      executor: counting as never,
    });
    expect(ran).toBe(5);
    expect(resumed.trials.map((t) => [t.id, t.metrics['sharpeRatio']])).toEqual(
      reference.trials.map((t) => [t.id, t.metrics['sharpeRatio']]),
    );
  });

  it('walks forward: optimizes each training window and stitches the out-of-sample windows', async () => {
    const report = await runOptimization(store, {
      config: { ...config, walkForward: { train: 150, test: 100 } },
      now,
    });
    const folds = report.walkForward?.folds ?? [];
    // 400 bars, train 150, test 100: tests on bars 150-250, 250-350 and the short 350-400.
    expect(folds.map((f) => f.fold)).toEqual([0, 1, 2]);
    expect(folds.every((f) => f.best !== null)).toBe(true);
    expect(Number.isFinite(report.walkForward?.outOfSampleReturn)).toBe(true);
    const stored = await store.trials.list(report.runId as never);
    expect(stored.filter((t) => t.id.endsWith('-oos'))).toHaveLength(folds.length);
  });

  it('refuses a bad space, an unknown run to resume and bad settings', async () => {
    await expect(
      runOptimization(store, { config: { ...config, params: 'fast=5:1:1' }, now }),
    ).rejects.toThrow(/fast/);
    await expect(runOptimization(store, { resume: 'nope', now })).rejects.toThrow(
      'optimization run "nope" does not exist',
    );
    await expect(
      runOptimization(store, { config: { ...config, settings: { cash: -1 } }, now }),
    ).rejects.toThrow(/cash/);
  });
});

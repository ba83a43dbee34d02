import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { redisAnswers } from '../src/adapters/bullmq/index.js';
import { startOptimizationWorker } from '../src/app/distributed-optimization.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';
import { cli, tempDir } from './helpers/run-cli-in-process.js';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const redis = await redisAnswers(REDIS_URL);
if (!redis)
  console.warn(`skipping the distributed optimize test: no Redis answers at REDIS_URL=${REDIS_URL}`);

interface Report {
  runId: string;
  trials: { id: string; params: Record<string, number>; metrics: Record<string, number | null> }[];
  best: { params: Record<string, number> } | null;
  pbo: number | null;
  deflatedSharpe: { deflatedSharpe: number; trials: number } | null;
  walkForward: { folds: unknown[] } | null;
}

describe('neural-trader optimize', () => {
  let cwd: string;
  const base = ['optimize', '--strategy', 'sma-cross', '--symbols', 'SPY', '--quantity', '100', '--json'];
  beforeAll(async () => {
    cwd = tempDir();
    await cli(['data', 'generate', '--symbols', 'SPY', '--days', '400'], { cwd });
  });

  it('searches a grid, reports trials, best, PBO and deflated Sharpe, and shows the stored run', async () => {
    const run = await cli([...base, '--params', 'fast=5:15:5,slow=20:40:10'], { cwd });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.trials).toHaveLength(9);
    expect(report.best?.params).toEqual(report.trials[0]?.params);
    expect(report.pbo).not.toBeNull();
    expect(report.deflatedSharpe?.trials).toBe(9);
    const shown = JSON.parse(
      (await cli(['optimize', 'show', report.runId, '--json'], { cwd })).stdout,
    ) as Report;
    expect(shown.trials.map((t) => t.id)).toEqual(report.trials.map((t) => t.id));
    const text = await cli(['optimize', 'show', report.runId], { cwd });
    expect(text.stdout).toContain('PBO (probability of backtest overfitting)');
  });

  it('gives the same Bayesian trials for the same seed, and the same results on two worker threads', async () => {
    const args = [
      ...base,
      '--params',
      'fast=2:20:1,slow=21:60:1',
      '--method',
      'bayes',
      '--trials',
      '12',
      '--seed',
      '3',
    ];
    const a = JSON.parse((await cli(args, { cwd })).stdout) as Report;
    const b = JSON.parse((await cli([...args, '--workers', '2'], { cwd })).stdout) as Report;
    const key = (r: Report): string[] =>
      r.trials.map((t) => `${t.id}:${JSON.stringify(t.params)}:${t.metrics['sharpeRatio']}`);
    expect(a.trials).toHaveLength(12);
    expect(key(b)).toEqual(key(a));
  });

  it('walks forward and names bad input', async () => {
    const wf = JSON.parse(
      (
        await cli(
          [...base, '--params', 'fast=5:10:5,slow=20:30:10', '--walk-forward', 'train=150,test=100'],
          { cwd },
        )
      ).stdout,
    ) as Report;
    expect(wf.walkForward?.folds.length).toBe(3);
    const missing = await cli(['optimize', '--strategy', 'sma-cross', '--symbols', 'SPY'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('give --strategy NAME and --params SPACE');
    const unknown = await cli(['optimize', '--resume', 'nope'], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('optimization run "nope" does not exist');
  });

  it.skipIf(!redis)('runs trials on a BullMQ worker with --distributed, the same as in-process', async () => {
    const store = openSqliteStore({ path: join(cwd, '.neural-trader', 'neural-trader.db') });
    const worker = await startOptimizationWorker(store, { redisUrl: REDIS_URL, concurrency: 2 });
    try {
      const args = [...base, '--params', 'fast=5:15:5,slow=20:40:10'];
      const local = JSON.parse((await cli(args, { cwd })).stdout) as Report;
      const run = await cli([...args, '--distributed'], { cwd, env: { REDIS_URL } });
      expect(run.stderr).toBe('');
      const remote = JSON.parse(run.stdout) as Report;
      expect(remote.trials.map((t) => [t.id, t.metrics['sharpeRatio']])).toEqual(
        local.trials.map((t) => [t.id, t.metrics['sharpeRatio']]),
      );
    } finally {
      await worker.close();
      await store.close();
    }
  });
});

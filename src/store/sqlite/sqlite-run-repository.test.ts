import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runId } from '../../core/ids.js';
import type { Run } from '../repositories.types.js';
import { openSqliteStore, type SqliteStore } from './open-sqlite-store.js';

function run(id: string, startedAt: number, overrides: Partial<Run> = {}): Run {
  return {
    id: runId(id),
    kind: 'backtest',
    status: 'running',
    config: {
      strategy: 'sma-cross',
      params: { fast: 10, slow: 30 },
      symbols: ['AAPL', 'MSFT'],
      fees: null,
      short: false,
    },
    metrics: null,
    startedAt,
    finishedAt: null,
    ...overrides,
  };
}

describe('SqliteRunRepository', () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = openSqliteStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('creates a run and reads it back with its JSON config', async () => {
    const created = run('r1', 100);
    await store.runs.create(created);
    expect(await store.runs.get(runId('r1'))).toEqual(created);
    expect(await store.runs.get(runId('r2'))).toBeNull();
  });

  it('keeps numeric columns with a run, bit for bit', async () => {
    const equity = Float64Array.from([
      1e6,
      1e6 + 0.1 + 0.2,
      -0,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      5e-324,
    ]);
    const ts = Float64Array.from([1, 2, 3, 4, 5, 6]);
    await store.runs.create(run('r1', 100), { equity, ts });
    const columns = await store.runs.columns(runId('r1'));
    expect(Object.keys(columns)).toEqual(['equity', 'ts']);
    expect(new Uint8Array((columns['equity'] as Float64Array).buffer)).toEqual(new Uint8Array(equity.buffer));
    expect(Array.from(columns['ts'] as Float64Array)).toEqual([1, 2, 3, 4, 5, 6]);
    await store.runs.create(run('r2', 100));
    expect(await store.runs.columns(runId('r2'))).toEqual({});
    await expect(store.runs.columns(runId('nope'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('stores a run and its columns together or not at all', async () => {
    await store.runs.create(run('r1', 100), { equity: Float64Array.from([1]) });
    // Same id: the run insert fails, so the new columns must not be written either.
    await expect(store.runs.create(run('r1', 200), { other: Float64Array.from([2]) })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(Object.keys(await store.runs.columns(runId('r1')))).toEqual(['equity']);
  });

  it('refuses to create a run whose id exists', async () => {
    await store.runs.create(run('r1', 100));
    await expect(store.runs.create(run('r1', 200))).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('updates status, metrics and finish time, keeping the rest', async () => {
    await store.runs.create(run('r1', 100));
    const metrics = { sharpe: 1.25, maxDrawdown: -0.12, trades: 42 };
    const finished = await store.runs.update(runId('r1'), { status: 'completed', metrics, finishedAt: 500 });
    expect(finished).toEqual(run('r1', 100, { status: 'completed', metrics, finishedAt: 500 }));
    expect(await store.runs.get(runId('r1'))).toEqual(finished);
    const failed = await store.runs.update(runId('r1'), { status: 'failed' });
    expect(failed.metrics).toEqual(metrics);
  });

  it('rejects an update of an unknown run', async () => {
    await expect(store.runs.update(runId('ghost'), { status: 'failed' })).rejects.toThrow(
      /run "ghost" does not exist/,
    );
  });

  it('refuses metrics JSON cannot hold unchanged (NaN would come back as null)', async () => {
    await store.runs.create(run('r1', 100));
    await expect(store.runs.update(runId('r1'), { metrics: { sharpe: Number.NaN } })).rejects.toThrow(
      /run metrics.sharpe "NaN" must be a finite number/,
    );
    await expect(store.runs.create(run('r2', 1, { config: { when: new Date(0) } as never }))).rejects.toThrow(
      /run config.when/,
    );
    await expect(store.runs.create(run('r3', 1, { config: [1, undefined] as never }))).rejects.toThrow(
      /run config\[1\]/,
    );
    expect(await store.runs.get(runId('r2'))).toBeNull();
  });

  it('lists runs newest first, filtered by kind and status, up to a limit', async () => {
    await store.runs.create(run('a', 1));
    await store.runs.create(run('b', 2, { kind: 'optimization' }));
    await store.runs.create(run('c', 3, { status: 'completed', finishedAt: 4, metrics: [1, 2] }));
    await store.runs.create(run('d', 5, { kind: 'walk_forward', status: 'failed', finishedAt: 6 }));
    expect((await store.runs.list()).map((r) => r.id)).toEqual(['d', 'c', 'b', 'a']);
    expect((await store.runs.list({ kind: 'backtest' })).map((r) => r.id)).toEqual(['c', 'a']);
    expect((await store.runs.list({ status: 'running' })).map((r) => r.id)).toEqual(['b', 'a']);
    expect((await store.runs.list({ kind: 'backtest', status: 'completed' })).map((r) => r.id)).toEqual([
      'c',
    ]);
    expect((await store.runs.list({ limit: 1 })).map((r) => r.id)).toEqual(['d']);
    await expect(store.runs.list({ limit: 1.5 })).rejects.toThrow(/limit "1.5"/);
  });
});

import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runId } from '../../core/ids.js';
import type { StoredTrial } from '../repositories.types.js';
import { openSqliteStore, type SqliteStore } from './open-sqlite-store.js';

const RUN = runId('opt-1');

function trial(index: number, overrides: Partial<StoredTrial> = {}): StoredTrial {
  return {
    id: `t${index}`,
    index,
    params: { fast: 5 + index, slow: 50, mode: 'long', fractional: false },
    metrics: { sharpeRatio: 0.1 * index, winRate: null, profitFactor: Number.POSITIVE_INFINITY },
    returns: Float64Array.from([0.01, -0.02, 1 / 3, Number.MIN_VALUE]),
    returnTs: Float64Array.from([1, 2, 3, 4]),
    durationMs: 12.5,
    error: null,
    ...overrides,
  };
}

async function createRun(store: SqliteStore, id = RUN): Promise<void> {
  await store.runs.create({
    id,
    kind: 'optimization',
    status: 'running',
    config: { strategy: 'sma-cross' },
    metrics: null,
    startedAt: 0,
    finishedAt: null,
  });
}

describe('SqliteTrialRepository', () => {
  let store: SqliteStore;
  beforeEach(async () => {
    store = openSqliteStore({ path: ':memory:' });
    await createRun(store);
  });
  afterEach(() => store.close());

  it('round-trips a trial: params, metrics with null and Infinity, returns bit for bit', async () => {
    const saved = trial(0);
    expect(await store.trials.save(RUN, saved)).toBe(true);
    const [read] = await store.trials.list(RUN);
    expect(read).toEqual(saved);
    expect(read?.returns[3]).toBe(Number.MIN_VALUE);
    expect(read?.metrics.profitFactor).toBe(Number.POSITIVE_INFINITY);
  });

  it('keeps -Infinity and an error trial without returns', async () => {
    const failed = trial(1, {
      metrics: { largestLoss: Number.NEGATIVE_INFINITY },
      returns: new Float64Array(0),
      returnTs: new Float64Array(0),
      error: 'sma-cross parameter fast "60": fast must be shorter than slow',
    });
    await store.trials.save(RUN, failed);
    expect(await store.trials.list(RUN)).toEqual([failed]);
  });

  it('ignores a trial id delivered twice and keeps the first', async () => {
    expect(await store.trials.save(RUN, trial(2))).toBe(true);
    expect(await store.trials.save(RUN, trial(2, { durationMs: 99 }))).toBe(false);
    const list = await store.trials.list(RUN);
    expect(list).toHaveLength(1);
    expect(list[0]?.durationMs).toBe(12.5);
  });

  it('lists by trial index and gives the completed ids per run', async () => {
    await createRun(store, runId('opt-2'));
    for (const index of [3, 0, 2]) await store.trials.save(RUN, trial(index));
    await store.trials.save(runId('opt-2'), trial(7));
    expect((await store.trials.list(RUN)).map((t) => t.index)).toEqual([0, 2, 3]);
    expect(await store.trials.completedIds(RUN)).toEqual(new Set(['t0', 't2', 't3']));
    expect(await store.trials.completedIds(runId('opt-2'))).toEqual(new Set(['t7']));
    expect(await store.trials.list(runId('none'))).toEqual([]);
  });

  it('refuses a trial of an unknown run, mismatched columns, a bad index and NaN metrics', async () => {
    await expect(store.trials.save(runId('nope'), trial(0))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.trials.save(RUN, trial(0, { returnTs: new Float64Array(1) }))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(store.trials.save(RUN, trial(0, { index: -1 }))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(
      store.trials.save(RUN, trial(0, { metrics: { sharpeRatio: Number.NaN } })),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await store.trials.list(RUN)).toEqual([]);
  });
});

/** A child process that saves trials of run "crash" one by one, forever, until it is killed. */
const WRITER = `
import { openSqliteStore } from './src/store/sqlite/open-sqlite-store.ts';
const store = openSqliteStore({ path: process.argv[1] });
await store.runs.create({ id: 'crash', kind: 'optimization', status: 'running', config: {}, metrics: null,
  startedAt: 0, finishedAt: null });
const returns = new Float64Array(5000).map((_, i) => Math.sin(i));
for (let i = 0; ; i++) {
  await store.trials.save('crash', { id: 't' + i, index: i, params: { fast: i }, metrics: { sharpeRatio: i },
    returns, returnTs: returns, durationMs: 1, error: null });
}
`;

describe('trials written by a process killed with SIGKILL', () => {
  it('are all complete, and a resumed run adds only the missing ones', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nt-trials-')), 'store.db');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', WRITER, path], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    let probe: Database.Database | null = null;
    let seen = 0;
    for (let attempt = 0; attempt < 3000 && seen < 20; attempt++) {
      await sleep(5);
      try {
        probe ??= new Database(path, { readonly: true, fileMustExist: true });
        seen = probe.prepare('SELECT COUNT(*) FROM optimization_trials').pluck().get() as number;
      } catch {
        // the database or its schema does not exist yet
      }
    }
    probe?.close();
    expect(child.kill('SIGKILL'), stderr).toBe(true);
    await exited;
    expect(seen, stderr).toBeGreaterThanOrEqual(20);

    const store = openSqliteStore({ path });
    try {
      expect(await store.integrityCheck()).toEqual([]);
      const stored = await store.trials.list(runId('crash'));
      // Every stored trial is whole: trial indexes 0..n-1 without a gap, each with all 5,000 returns intact.
      expect(stored.map((t) => t.index)).toEqual(stored.map((_, i) => i));
      for (const t of stored) {
        expect(t.returns.length).toBe(5000);
        expect(t.returns[4999]).toBe(Math.sin(4999));
      }
      // Resume: saving trials 0..n+4 again stores only the five new ones.
      const done = await store.trials.completedIds(runId('crash'));
      let added = 0;
      for (let i = 0; i < stored.length + 5; i++) {
        if (done.has(`t${i}`)) continue;
        if (await store.trials.save(runId('crash'), { ...(stored[0] as StoredTrial), id: `t${i}`, index: i }))
          added++;
      }
      expect(added).toBe(5);
      expect(await store.trials.list(runId('crash'))).toHaveLength(stored.length + 5);
    } finally {
      await store.close();
    }
  }, 60_000);
});

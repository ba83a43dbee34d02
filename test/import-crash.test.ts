import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { parseBars } from '../src/data/import/parse-bars.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';
import { tempDir } from './helpers/run-cli-in-process.js';
import { writeMinuteBarsCsv } from './helpers/minute-bars-csv.js';

const ROWS = 400_000;
const BATCH = 2_000;

const bytes = (column: Float64Array): Buffer =>
  Buffer.from(column.buffer, column.byteOffset, column.byteLength);

function startImport(dataDir: string, file: string) {
  return spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      '--data-dir',
      dataDir,
      'data',
      'import',
      file,
      '--symbol',
      'CRASH',
      '--timeframe',
      '1m',
      '--batch-size',
      String(BATCH),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'silent' } },
  );
}

describe('an import killed half-way', () => {
  it('leaves whole batches in a consistent store, and a re-run completes it', async () => {
    const dir = tempDir('nt-crash-');
    const file = join(dir, 'bars.csv');
    writeMinuteBarsCsv(file, ROWS, 7);
    const dataDir = join(dir, 'data');
    const expected = parseBars(readFileSync(file), { symbol: 'CRASH', timeframe: '1m' });
    if (!expected.ok) throw expected.error;

    const child = startImport(dataDir, file);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let done = false;
    let killed = false;
    void exited.then(() => (done = true));
    // Poll the committed bar count through a second, read-only connection; once some but not all batches are
    // committed, kill the importer without warning (SIGKILL: no handler, no cleanup).
    const dbPath = join(dataDir, 'neural-trader.db');
    let probe: Database.Database | null = null;
    while (!done) {
      await sleep(2);
      try {
        probe ??= new Database(dbPath, { readonly: true, fileMustExist: true });
        const seen = probe.prepare('SELECT COALESCE(SUM(count), 0) FROM bar_chunks').pluck().get() as number;
        if (seen > 0) {
          killed = child.kill('SIGKILL');
          break;
        }
      } catch {
        // the database or its schema does not exist yet
      }
    }
    probe?.close();
    await exited;
    expect(killed, 'the import finished before it could be interrupted: make the file larger').toBe(true);

    const store = openSqliteStore({ path: join(dataDir, 'neural-trader.db') });
    expect(await store.integrityCheck()).toEqual([]);
    const count = await store.bars.countBars('CRASH', '1m');
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(ROWS);
    expect(count % BATCH).toBe(0);
    const partial = await store.bars.loadBars('CRASH', '1m');
    const want = expected.value.series;
    for (const field of ['ts', 'open', 'high', 'low', 'close', 'volume'] as const) {
      expect(bytes(partial[field]).equals(bytes(want[field].subarray(0, count))), field).toBe(true);
    }
    await store.close();

    const rerun = startImport(dataDir, file);
    const code = await new Promise<number | null>((resolve) => rerun.on('exit', resolve));
    expect(code).toBe(0);
    const after = openSqliteStore({ path: join(dataDir, 'neural-trader.db') });
    const full = await after.bars.loadBars('CRASH', '1m');
    expect(full.length).toBe(ROWS);
    for (const field of ['ts', 'open', 'high', 'low', 'close', 'volume'] as const) {
      expect(bytes(full[field]).equals(bytes(want[field])), field).toBe(true);
    }
    expect(await after.integrityCheck()).toEqual([]);
    await after.close();
  }, 120_000);
});

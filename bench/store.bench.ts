/**
 * Bar store benchmark: 1,000,000 synthetic 1m bars stored into and loaded back from a SQLite file, with the
 * columnar chunk store (src/store/sqlite) against the naive baseline of one row per bar, in the same run.
 * Run: npx tsx bench/store.bench.ts [bars] (default 1,000,000). Prints the median of several runs.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Bench } from 'tinybench';
import { SeededRng } from '../src/core/rng.js';
import { BAR_FIELDS, BarSeries } from '../src/data/bar-series.js';
import { openSqliteStore, type SqliteStore } from '../src/store/sqlite/open-sqlite-store.js';

const BAR_COUNT = Number(process.argv[2] ?? 1_000_000);
const RUNS = 5;
const SYMBOL = 'BENCH';
const MINUTE = 60_000;
const START_MS = Date.UTC(2020, 0, 1);

/** A geometric random walk, one bar per minute around the clock (deterministic: seed 42). */
function syntheticSeries(length: number): BarSeries {
  const rng = new SeededRng(42);
  const series = BarSeries.allocate(SYMBOL, '1m', length);
  let price = 100;
  for (let i = 0; i < length; i++) {
    const open = price;
    const close = open * Math.exp(0.001 * rng.normal());
    series.ts[i] = START_MS + i * MINUTE;
    series.open[i] = open;
    series.close[i] = close;
    series.high[i] = Math.max(open, close) * (1 + 0.0005 * rng.next());
    series.low[i] = Math.min(open, close) * (1 - 0.0005 * rng.next());
    series.volume[i] = Math.round(1_000 + 9_000 * rng.next());
    price = close;
  }
  return series;
}

/** The baseline: one row per bar, primary key (instrument, timeframe, ts), same connection settings. */
function openNaive(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE IF NOT EXISTS bars (
    instrument TEXT NOT NULL, timeframe TEXT NOT NULL, ts INTEGER NOT NULL,
    open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL, volume REAL NOT NULL,
    PRIMARY KEY (instrument, timeframe, ts)) WITHOUT ROWID`);
  return db;
}

function naiveStore(db: Database.Database, series: BarSeries): void {
  const insert = db.prepare('INSERT OR REPLACE INTO bars VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < series.length; i++) {
      insert.run(
        SYMBOL,
        '1m',
        series.ts[i],
        series.open[i],
        series.high[i],
        series.low[i],
        series.close[i],
        series.volume[i],
      );
    }
  })();
}

function naiveLoad(db: Database.Database): BarSeries {
  const count = db
    .prepare('SELECT COUNT(*) FROM bars WHERE instrument = ? AND timeframe = ?')
    .pluck()
    .get(SYMBOL, '1m') as number;
  const series = BarSeries.allocate(SYMBOL, '1m', count);
  const rows = db
    .prepare<[string, string], [number, number, number, number, number, number]>(
      'SELECT ts, open, high, low, close, volume FROM bars WHERE instrument = ? AND timeframe = ? ORDER BY ts',
    )
    .raw()
    .iterate(SYMBOL, '1m');
  let i = 0;
  for (const [ts, open, high, low, close, volume] of rows) {
    series.ts[i] = ts;
    series.open[i] = open;
    series.high[i] = high;
    series.low[i] = low;
    series.close[i] = close;
    series.volume[i] = volume;
    i++;
  }
  return series;
}

function identical(a: BarSeries, b: BarSeries): boolean {
  if (a.length !== b.length) return false;
  return BAR_FIELDS.every((field) =>
    Buffer.from(a[field].buffer, a[field].byteOffset, a[field].byteLength).equals(
      Buffer.from(b[field].buffer, b[field].byteOffset, b[field].byteLength),
    ),
  );
}

function fileMegabytes(path: string): string {
  let bytes = 0;
  for (const suffix of ['', '-wal']) {
    try {
      bytes += statSync(path + suffix).size;
    } catch {
      // no WAL file after a clean close
    }
  }
  return (bytes / 1_048_576).toFixed(1);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'nt-store-bench-'));
  const series = syntheticSeries(BAR_COUNT);
  let fileNumber = 0;
  const lastPath = { chunked: '', naive: '' };
  const freshPath = (kind: 'chunked' | 'naive'): string =>
    (lastPath[kind] = join(dir, `${kind}-${fileNumber++}.db`));

  let chunked: SqliteStore | undefined;
  let naive: Database.Database | undefined;
  const closeAll = async (): Promise<void> => {
    await chunked?.close();
    naive?.close();
    chunked = undefined;
    naive = undefined;
  };

  const bench = new Bench({ name: `bar store, ${BAR_COUNT} bars`, iterations: RUNS, time: 0, warmup: false });
  bench
    .add(
      'store, chunked',
      async () => {
        // Timed through close(): the WAL checkpoint that moves the bars into the database file is part of storing.
        await chunked?.bars.upsertBars(series);
        await chunked?.close();
      },
      {
        beforeEach: async () => {
          await closeAll();
          chunked = openSqliteStore({ path: freshPath('chunked') });
        },
      },
    )
    .add(
      'store, row per bar (baseline)',
      () => {
        if (naive !== undefined) naiveStore(naive, series);
        naive?.close();
      },
      {
        beforeEach: async () => {
          await closeAll();
          naive = openNaive(freshPath('naive'));
        },
      },
    );
  await bench.run();
  await closeAll();

  // Loading reads the last files written above.
  const chunkedPath = lastPath.chunked;
  const naivePath = lastPath.naive;
  const sizes = `file size: chunked ${fileMegabytes(chunkedPath)} MB, row per bar ${fileMegabytes(naivePath)} MB`;
  chunked = openSqliteStore({ path: chunkedPath });
  naive = openNaive(naivePath);
  const store = chunked;
  const baseline = naive;
  const loadedChunked = await store.bars.loadBars(SYMBOL, '1m');
  const loadedNaive = naiveLoad(baseline);
  const dayFrom = START_MS + Math.floor(BAR_COUNT / 2) * MINUTE;
  const dayTo = dayFrom + 1_440 * MINUTE;
  let nextTs = series.lastTs + MINUTE;

  const loads = new Bench({ name: 'loads', iterations: RUNS * 2, time: 0, warmupIterations: 1 });
  loads
    .add('load all, chunked', async () => {
      await store.bars.loadBars(SYMBOL, '1m');
    })
    .add('load all, row per bar (baseline)', () => {
      naiveLoad(baseline);
    })
    .add('load one day, chunked', async () => {
      await store.bars.loadBars(SYMBOL, '1m', { from: dayFrom, to: dayTo });
    })
    .add('load one day, row per bar (baseline)', () => {
      baseline
        .prepare(
          'SELECT ts, open, high, low, close, volume FROM bars WHERE instrument = ? AND timeframe = ? AND ts >= ? AND ts < ?',
        )
        .raw()
        .all(SYMBOL, '1m', dayFrom, dayTo);
    })
    .add('append one bar, chunked', async () => {
      const bar = BarSeries.fromBars(SYMBOL, '1m', [
        { tsEvent: nextTs, open: 1, high: 1, low: 1, close: 1, volume: 1 },
      ]);
      nextTs += MINUTE;
      await store.bars.upsertBars(bar);
    })
    .add('append one bar, row per bar (baseline)', () => {
      const bar = BarSeries.fromBars(SYMBOL, '1m', [
        { tsEvent: nextTs, open: 1, high: 1, low: 1, close: 1, volume: 1 },
      ]);
      nextTs += MINUTE;
      naiveStore(baseline, bar);
    });
  await loads.run();

  const median = (name: string): number => {
    const task = bench.getTask(name) ?? loads.getTask(name);
    const result = task?.result;
    if (result === undefined || !('latency' in result)) throw new Error(`task ${name} has no result`);
    return result.latency.p50;
  };
  const cpu = cpus()[0]?.model ?? 'unknown cpu';
  console.log(
    `bar store benchmark: ${BAR_COUNT} 1m bars, median of ${RUNS}+ runs, ${cpus().length} × ${cpu}, node ${process.version}`,
  );
  console.log(
    `round trip bit-identical: chunked ${identical(series, loadedChunked)}, row per bar ${identical(series, loadedNaive)}`,
  );
  console.log(sizes);
  const rows = [
    ['store all (through close)', 'store, chunked', 'store, row per bar (baseline)'],
    ['load all', 'load all, chunked', 'load all, row per bar (baseline)'],
    ['load one day', 'load one day, chunked', 'load one day, row per bar (baseline)'],
    ['append one bar', 'append one bar, chunked', 'append one bar, row per bar (baseline)'],
  ] as const;
  console.table(
    rows.map(([what, mine, theirs]) => ({
      operation: what,
      'chunked ms': Number(median(mine).toFixed(2)),
      'row per bar ms (baseline)': Number(median(theirs).toFixed(2)),
      'chunked speed-up': `${(median(theirs) / median(mine)).toFixed(2)}×`,
    })),
  );
  await closeAll();
  rmSync(dir, { recursive: true, force: true });
}

await main();

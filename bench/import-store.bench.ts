/**
 * End-to-end import: 1,000,000 1-minute bars from a CSV file, parsed, validated and stored in a fresh SQLite
 * database through the same use case the CLI runs (`importBarsFile`). Baseline in the same run: the naive
 * approach (split lines and fields, Date.parse, one INSERT per bar in a single transaction into a row table).
 * Target (issue 2): <= 3 s.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { importBarsFile } from '../src/app/import-bars-file.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';
import { writeMinuteBarsCsv } from '../test/helpers/minute-bars-csv.js';
import { median } from './stats.js';

const ROWS = 1_000_000;
const RUNS = 3;
const dir = mkdtempSync(join(tmpdir(), 'nt-bench-import-'));
const csv = join(dir, 'bars.csv');
writeMinuteBarsCsv(csv, ROWS);

async function ours(run: number): Promise<number> {
  const store = openSqliteStore({ path: join(dir, `ours-${run}.db`) });
  const start = performance.now();
  const result = await importBarsFile(store, { path: csv, symbol: 'BENCH', timeframe: '1m' });
  const ms = performance.now() - start;
  if (result.written !== ROWS) throw new Error(`stored ${result.written} bars, expected ${ROWS}`);
  await store.close();
  return ms;
}

function naive(run: number): number {
  const db = new Database(join(dir, `naive-${run}.db`));
  db.pragma('journal_mode = WAL');
  db.exec(
    'CREATE TABLE bars (symbol TEXT, ts INTEGER, open REAL, high REAL, low REAL, close REAL, volume REAL, PRIMARY KEY (symbol, ts))',
  );
  const insert = db.prepare('INSERT OR REPLACE INTO bars VALUES (?, ?, ?, ?, ?, ?, ?)');
  const start = performance.now();
  const lines = readFileSync(csv, 'utf8').split('\n');
  db.transaction(() => {
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] as string;
      if (line === '') continue;
      const [date, open, high, low, close, volume] = line.split(',');
      insert.run(
        'BENCH',
        Date.parse(date as string),
        Number(open),
        Number(high),
        Number(low),
        Number(close),
        Number(volume),
      );
    }
  })();
  const ms = performance.now() - start;
  db.close();
  return ms;
}

const oursTimes: number[] = [];
const naiveTimes: number[] = [];
for (let run = 0; run < RUNS; run++) {
  oursTimes.push(await ours(run));
  naiveTimes.push(naive(run));
}
const sizeMb = statSync(csv).size / 2 ** 20;
rmSync(dir, { recursive: true, force: true });

const oursMs = median(oursTimes);
const naiveMs = median(naiveTimes);
console.log(
  `CSV: ${ROWS.toLocaleString('en-US')} 1-minute bars, ${sizeMb.toFixed(1)} MiB; median of ${RUNS} runs, fresh database each.`,
);
console.log('');
console.log('| import (parse + validate + store) | median (ms) | bars/s | target |');
console.log('|---|---:|---:|---:|');
console.log(
  `| baseline: split + Date.parse + INSERT per bar | ${naiveMs.toFixed(0)} | ${(ROWS / (naiveMs / 1000)).toExponential(2)} | |`,
);
console.log(
  `| neural-trader \`importBarsFile\` | ${oursMs.toFixed(0)} | ${(ROWS / (oursMs / 1000)).toExponential(2)} | <= 3000 |`,
);
console.log(`\nspeed-up over the baseline: ${(naiveMs / oursMs).toFixed(1)}x`);

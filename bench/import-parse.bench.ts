/**
 * parseBars on 1,000,000 one-minute bars (about 60 MB of CSV, built in memory: no disk in the timing), against
 * a naive baseline in the same run: split('\n') / split(',') / Number() / Date.parse with no validation.
 * Target (issue 2): parse + validate 1M bars well under 1.5 s (the whole import with the SQLite store <= 3 s).
 */
import { performance } from 'node:perf_hooks';
import { SeededRng } from '../src/core/rng.js';
import { parseBars } from '../src/data/import/parse-bars.js';
import { median } from './stats.js';

const ROWS = 1_000_000;
const SESSION_MINUTES = 390; // 14:30-21:00 UTC, weekdays only: realistic gaps overnight and at weekends

function buildCsv(rows: number): string {
  const rng = new SeededRng(42);
  const lines: string[] = ['timestamp,open,high,low,close,volume'];
  let day = Date.UTC(2020, 0, 2) / 86_400_000;
  let price = 100;
  while (lines.length <= rows) {
    const weekday = (day + 4) % 7;
    if (weekday !== 0 && weekday !== 6) {
      const open = day * 86_400_000 + (14 * 60 + 30) * 60_000;
      for (let minute = 0; minute < SESSION_MINUTES && lines.length <= rows; minute++) {
        const first = price;
        price = Math.max(1, price * (1 + rng.normal() * 0.001));
        const high = Math.max(first, price) * (1 + rng.next() * 0.0005);
        const low = Math.min(first, price) * (1 - rng.next() * 0.0005);
        const ts = new Date(open + minute * 60_000).toISOString().slice(0, 19) + 'Z';
        lines.push(
          `${ts},${first.toFixed(2)},${high.toFixed(2)},${low.toFixed(2)},${price.toFixed(2)},${rng.int(100, 50_000)}`,
        );
      }
    }
    day++;
  }
  return lines.join('\n') + '\n';
}

function naiveParse(text: string): number {
  const rows = text.split('\n');
  const ts = new Float64Array(rows.length);
  const close = new Float64Array(rows.length);
  let count = 0;
  for (let index = 1; index < rows.length; index++) {
    const row = rows[index] as string;
    if (row === '') continue;
    const fields = row.split(',');
    ts[count] = Date.parse(fields[0] as string);
    for (let field = 1; field < 6; field++) close[count] = Number(fields[field]);
    count++;
  }
  return count;
}

function time(runs: number, work: () => void): number {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return median(times);
}

const csv = buildCsv(ROWS);
const bytes = Buffer.from(csv, 'utf8');
// Every 100th row with a negative volume: 10,000 issues, to show what reporting costs.
const corrupted = Buffer.from(
  csv
    .split('\n')
    .map((line, index) => (index > 0 && index % 100 === 0 ? line.replace(/,\d+$/, ',-1') : line))
    .join('\n'),
  'utf8',
);
const options = { symbol: 'BENCH', timeframe: '1m', onError: 'reject' } as const;
const check = parseBars(csv, options);
if (!check.ok) throw check.error;
if (check.value.rowsAccepted !== ROWS)
  throw new Error(`accepted ${check.value.rowsAccepted} of ${ROWS} rows`);
const dropCheck = parseBars(corrupted, { ...options, onError: 'drop' });
if (!dropCheck.ok || dropCheck.value.rowsDropped !== ROWS / 100)
  throw new Error('the corrupted file did not drop 1 %');

const runs = 5;
parseBars(bytes, options); // warm-up
const fromBytes = time(runs, () => parseBars(bytes, options));
const fromString = time(runs, () => parseBars(csv, options));
const dropping = time(runs, () => parseBars(corrupted, { ...options, onError: 'drop' }));
const baseline = time(3, () => naiveParse(csv));
const rate = (ms: number): string => Math.round(ROWS / (ms / 1000)).toLocaleString('en-US');
const row = (label: string, ms: number, target = ''): void =>
  console.log(`| ${label} | ${ms.toFixed(0)} | ${rate(ms)} | ${target} |`);

console.log(
  `${ROWS.toLocaleString('en-US')} one-minute bars, ${(bytes.length / 2 ** 20).toFixed(1)} MiB of CSV.\n`,
);
console.log('| parse (median of 5 runs; baseline 3) | ms | rows/s | target |');
console.log('|---|---:|---:|---:|');
row('baseline: naive split + Number + Date.parse, no validation', baseline);
row("parseBars(Buffer), reject policy: the CLI's path", fromBytes, '< 1500');
row('parseBars(string), reject policy (includes UTF-8 encoding)', fromString, '< 1500');
row('parseBars(Buffer), drop policy, 1 % of rows bad (10,000 issues)', dropping);

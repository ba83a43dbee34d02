import { BarSeries, BAR_FIELDS } from '../bar-series.js';
import { formatTimestamp, type BarAccumulator } from './bar-accumulator.js';
import type { ValidationIssue } from './validation-issue.js';

/** The accepted rows of an import: the columns plus, per row, its file line and whether it was repaired. */
export interface AcceptedBars {
  readonly series: BarSeries;
  readonly lines: Int32Array;
  readonly repaired: Uint8Array;
}

/** The stored rows as they are (policies `reject` and `drop` store them already strictly increasing). */
export function storedBars(accumulator: BarAccumulator): AcceptedBars {
  const count = accumulator.count;
  return {
    series: accumulator.series.slice(0, count),
    lines: accumulator.lines.subarray(0, count),
    repaired: accumulator.repaired.subarray(0, count),
  };
}

/**
 * The `repair` policy's last step: sorts the stored rows by timestamp (stable: equal timestamps keep file
 * order) when any came out of order, then keeps the last occurrence of each timestamp, pushing a `dropped`
 * duplicate_timestamp issue for every earlier one. Copies into new columns only when something moved.
 */
export function sortAndDeduplicate(accumulator: BarAccumulator, issues: ValidationIssue[]): AcceptedBars {
  const count = accumulator.count;
  const ts = accumulator.series.ts;
  const lines = accumulator.lines;
  const order = new Uint32Array(count);
  for (let index = 0; index < count; index++) order[index] = index;
  if (accumulator.needsSort) order.sort((a, b) => (ts[a] as number) - (ts[b] as number) || a - b);

  const kept = new Uint32Array(count);
  let keptCount = 0;
  for (let first = 0; first < count;) {
    const value = ts[order[first] as number] as number;
    let last = first;
    while (last + 1 < count && ts[order[last + 1] as number] === value) last++;
    const keptRow = order[last] as number;
    for (let position = first; position < last; position++) {
      const line = lines[order[position] as number] as number;
      const shown = formatTimestamp(value);
      issues.push({
        line,
        rule: 'duplicate_timestamp',
        field: 'date',
        value: shown,
        message: `line ${line}: timestamp ${shown} repeats on line ${lines[keptRow]}, the occurrence kept; row dropped`,
        action: 'dropped',
      });
    }
    kept[keptCount++] = keptRow;
    first = last + 1;
  }
  if (!accumulator.needsSort && keptCount === count) return storedBars(accumulator);

  const source = accumulator.series;
  const series = BarSeries.allocate(source.symbol, source.timeframe, keptCount);
  const keptLines = new Int32Array(keptCount);
  const repaired = new Uint8Array(keptCount);
  for (const field of BAR_FIELDS) {
    const from = source[field];
    const to = series[field];
    for (let position = 0; position < keptCount; position++)
      to[position] = from[kept[position] as number] as number;
  }
  for (let position = 0; position < keptCount; position++) {
    const row = kept[position] as number;
    keptLines[position] = lines[row] as number;
    repaired[position] = accumulator.repaired[row] as number;
  }
  return { series, lines: keptLines, repaired };
}

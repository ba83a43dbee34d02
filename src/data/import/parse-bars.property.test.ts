import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ErrorPolicy } from './import-options.js';
import { parseBars, type ImportReport } from './parse-bars.js';

const HEADER = 'date,open,high,low,close,volume';
const START = Date.UTC(2024, 0, 2, 14, 30);

interface RawBar {
  readonly ts: number;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  readonly volume: string;
}

const printed = (value: number, digits: number): string =>
  digits < 0 ? String(value) : value.toFixed(digits);

/** Valid 1m bars, 1 to 3 minutes apart, prices printed the ways exporters print them. */
const validBars = fc
  .array(
    fc.record({
      step: fc.integer({ min: 1, max: 3 }),
      low: fc.double({ min: 0.01, max: 1000, noNaN: true }),
      range: fc.double({ min: 0, max: 50, noNaN: true }),
      openAt: fc.double({ min: 0, max: 1, noNaN: true }),
      closeAt: fc.double({ min: 0, max: 1, noNaN: true }),
      volume: fc.integer({ min: 0, max: 1_000_000 }),
      digits: fc.integer({ min: -1, max: 8 }),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .map((rows) => {
    let ts = START;
    return rows.map((row): RawBar => {
      ts += row.step * 60_000;
      // Print first, then derive the others from the printed low and high so the bar stays valid as text.
      const lowText = Number(printed(row.low, row.digits)) > 0 ? printed(row.low, row.digits) : '1';
      const low = Number(lowText);
      const highText = printed(low + row.range, row.digits);
      const high = Number(highText);
      const inside = (at: number): string => {
        const text = printed(low + (high - low) * at, row.digits);
        return Number(text) < low ? lowText : Number(text) > high ? highText : text;
      };
      return {
        ts,
        open: inside(row.openAt),
        high: highText,
        low: lowText,
        close: inside(row.closeAt),
        volume: String(row.volume),
      };
    });
  });

const toLine = (bar: RawBar): string =>
  [new Date(bar.ts).toISOString(), bar.open, bar.high, bar.low, bar.close, bar.volume].join(',');

const GARBAGE = ['abc', '', '1,000', '-5', '0', 'null', '1e3', ' 12 ', '"7"', '2024-99-99', '-0.5'];

/** Edits that break rules: garbage in a field, swapped high/low, duplicates, moves, blank lines, bad shapes. */
const corruption = fc.record({
  kind: fc.constantFrom('garbage', 'swap', 'duplicate', 'move', 'blank', 'short', 'long'),
  row: fc.nat(),
  other: fc.nat(),
  field: fc.integer({ min: 0, max: 5 }),
  garbage: fc.constantFrom(...GARBAGE),
});

function corruptedFile(
  bars: RawBar[],
  edits: { kind: string; row: number; other: number; field: number; garbage: string }[],
): string {
  const lines = bars.map(toLine);
  for (const edit of edits) {
    const row = edit.row % lines.length;
    const fields = (lines[row] as string).split(',');
    if (edit.kind === 'garbage') {
      fields[edit.field] = edit.garbage.includes(',') ? `"${edit.garbage}"` : edit.garbage;
      lines[row] = fields.join(',');
    } else if (edit.kind === 'swap') {
      [fields[2], fields[3]] = [fields[3] as string, fields[2] as string];
      lines[row] = fields.join(',');
    } else if (edit.kind === 'duplicate') {
      lines.splice(edit.other % lines.length, 0, lines[row] as string);
    } else if (edit.kind === 'move') {
      const [moved] = lines.splice(row, 1);
      lines.splice(edit.other % (lines.length + 1), 0, moved as string);
    } else if (edit.kind === 'blank') {
      lines.splice(row, 0, edit.garbage === '' ? '' : '  ');
    } else if (edit.kind === 'short') {
      lines[row] = fields.slice(0, 5).join(',');
    } else {
      lines[row] = `${fields.join(',')},extra`;
    }
  }
  return [HEADER, ...lines].join('\n') + '\n';
}

function report(text: string | Uint8Array, onError: ErrorPolicy): ImportReport {
  const result = parseBars(text, { symbol: 'P', timeframe: '1m', onError });
  if (!result.ok) throw result.error;
  return result.value;
}

function expectConsistent(text: string, result: ImportReport): void {
  const dataLines = text.split('\n').slice(1, -1);
  expect(result.rowsRead).toBe(dataLines.filter((line) => line.trim() !== '').length);
  expect(result.rowsRead).toBe(result.rowsAccepted + result.rowsDropped);
  expect(result.series.length).toBe(result.rowsAccepted);
  const droppedLines = new Set(
    result.issues.filter((issue) => issue.action === 'dropped').map((issue) => issue.line),
  );
  expect(droppedLines.size).toBe(result.rowsDropped);
  for (const issue of result.issues) {
    expect(issue.line).toBeGreaterThanOrEqual(2);
    expect(issue.line).toBeLessThanOrEqual(dataLines.length + 1);
    expect(issue.message.startsWith(`line ${issue.line}: `)).toBe(true);
  }
  const { ts, open, high, low, close, volume } = result.series;
  for (let row = 0; row < result.series.length; row++) {
    if (row > 0) expect(ts[row] as number).toBeGreaterThan(ts[row - 1] as number);
    expect(low[row] as number).toBeGreaterThan(0);
    expect(high[row] as number).toBeGreaterThanOrEqual(
      Math.max(open[row] as number, close[row] as number, low[row] as number),
    );
    expect(low[row] as number).toBeLessThanOrEqual(Math.min(open[row] as number, close[row] as number));
    expect(volume[row] as number).toBeGreaterThanOrEqual(0);
  }
}

describe('parseBars on corrupted files', () => {
  it('accounts for every row under drop and repair: rowsRead = accepted + dropped, each dropped row reported', () => {
    fc.assert(
      fc.property(validBars, fc.array(corruption, { maxLength: 8 }), (bars, edits) => {
        const text = corruptedFile(bars, edits);
        for (const policy of ['drop', 'repair'] as const) expectConsistent(text, report(text, policy));
      }),
      { numRuns: 300 },
    );
  });

  it('rejects exactly the files in which the drop policy finds an error', () => {
    fc.assert(
      fc.property(validBars, fc.array(corruption, { maxLength: 4 }), (bars, edits) => {
        const text = corruptedFile(bars, edits);
        const errors = report(text, 'drop').issues.filter((issue) => issue.rule !== 'gap');
        const rejected = parseBars(text, { symbol: 'P', timeframe: '1m' });
        expect(rejected.ok).toBe(errors.length === 0);
        if (!rejected.ok)
          expect(rejected.error.issues.every((issue) => issue.action === 'rejected')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('gives identical results for the same file as a string and as bytes', () => {
    fc.assert(
      fc.property(validBars, fc.array(corruption, { maxLength: 6 }), (bars, edits) => {
        const text = corruptedFile(bars, edits);
        const fromText = report(text, 'repair');
        const fromBytes = report(Buffer.from(text), 'repair');
        expect(fromBytes.issues).toEqual(fromText.issues);
        expect(Array.from(fromBytes.series.clone().ts)).toEqual(Array.from(fromText.series.ts));
        expect(Array.from(fromBytes.series.close)).toEqual(Array.from(fromText.series.close));
      }),
      { numRuns: 150 },
    );
  });
});

describe('parseBars on valid files', () => {
  it('stores exactly the doubles parseFloat reads from the text, in CSV and in JSON lines', () => {
    fc.assert(
      fc.property(validBars, (bars) => {
        const text = [HEADER, ...bars.map(toLine)].join('\n');
        const jsonl = bars
          .map((bar) =>
            JSON.stringify({
              date: new Date(bar.ts).toISOString(),
              open: bar.open,
              high: Number(bar.high),
              low: bar.low,
              close: bar.close,
              volume: Number(bar.volume),
            }),
          )
          .join('\n');
        for (const result of [report(text, 'reject'), report(jsonl, 'reject')]) {
          expect(result.rowsAccepted).toBe(bars.length);
          bars.forEach((bar, row) => {
            expect(result.series.ts[row]).toBe(bar.ts);
            expect(Object.is(result.series.open[row], Number.parseFloat(bar.open))).toBe(true);
            expect(Object.is(result.series.high[row], Number.parseFloat(bar.high))).toBe(true);
            expect(Object.is(result.series.low[row], Number.parseFloat(bar.low))).toBe(true);
            expect(Object.is(result.series.close[row], Number.parseFloat(bar.close))).toBe(true);
            expect(result.series.volume[row]).toBe(Number(bar.volume));
          });
        }
      }),
      { numRuns: 300 },
    );
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { BAR_FIELDS, BarSeries } from '../../data/bar-series.js';
import type { Timeframe } from '../../model/timeframe.js';
import { openSqliteStore, type SqliteStore } from './open-sqlite-store.js';

const MINUTE = 60_000;
const WEEK = 7 * 1440 * MINUTE;
/** Monday 2024-01-01 00:00 UTC: a 1m chunk boundary. */
const MONDAY = Date.UTC(2024, 0, 1);

/** `count` bars every `stepMinutes` from `start`, values from a seeded walk (seed picks the values). */
function bars(
  start: number,
  count: number,
  seed = 1,
  timeframe: Timeframe = '1m',
  stepMinutes = 1,
  symbol = 'AAPL',
): BarSeries {
  const rng = new SeededRng(seed);
  const series = BarSeries.allocate(symbol, timeframe, count);
  let price = 100;
  for (let i = 0; i < count; i++) {
    price *= Math.exp(0.01 * rng.normal());
    series.ts[i] = start + i * stepMinutes * MINUTE;
    series.open[i] = price;
    series.high[i] = price * 1.01;
    series.low[i] = price * 0.99;
    series.close[i] = price * (1 + 0.001 * rng.normal());
    series.volume[i] = rng.int(1, 1_000_000);
  }
  return series;
}

function bytesOf(series: BarSeries): Buffer[] {
  return BAR_FIELDS.map((field) =>
    Buffer.from(series[field].buffer, series[field].byteOffset, series[field].byteLength),
  );
}

function expectIdentical(actual: BarSeries, expected: BarSeries): void {
  expect(actual.length).toBe(expected.length);
  const a = bytesOf(actual);
  const e = bytesOf(expected);
  BAR_FIELDS.forEach((field, i) => expect(a[i]?.equals(e[i] as Buffer), `column ${field}`).toBe(true));
}

describe('SqliteBarRepository', () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = openSqliteStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('loads back exactly the bytes it stored, across several chunks', async () => {
    const series = bars(MONDAY - 3 * 1440 * MINUTE, 3 * 10_080, 7);
    series.volume[5] = Number.NaN;
    expect(await store.bars.upsertBars(series)).toEqual({ written: series.length, batches: 1 });
    expectIdentical(await store.bars.loadBars('AAPL', '1m'), series);
    expect(await store.bars.countBars('AAPL', '1m')).toBe(series.length);
  });

  it('answers range queries [from, to) exactly, at and around chunk boundaries', async () => {
    const series = bars(MONDAY - 2 * WEEK + 17 * MINUTE, 4 * 10_080, 3);
    await store.bars.upsertBars(series);
    const boundaries = [-WEEK, 0, WEEK].map((offset) => MONDAY + offset);
    const edge = fc
      .constantFrom(...boundaries)
      .chain((b) => fc.integer({ min: -2, max: 2 }).map((d) => b + d * MINUTE));
    const anywhere = fc.integer({ min: series.firstTs - 5 * MINUTE, max: series.lastTs + 5 * MINUTE });
    const bound = fc.option(fc.oneof(edge, anywhere), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(bound, bound, async (from, to) => {
        const loaded = await store.bars.loadBars('AAPL', '1m', {
          ...(from === undefined ? {} : { from }),
          ...(to === undefined ? {} : { to }),
        });
        expectIdentical(loaded, series.between(from, to));
      }),
      { numRuns: 60 },
    );
    const week = await store.bars.loadBars('AAPL', '1m', { from: MONDAY, to: MONDAY + WEEK });
    expect(week.length).toBe(10_080);
    expect(week.firstTs).toBe(MONDAY);
    expect(week.lastTs).toBe(MONDAY + WEEK - MINUTE);
  });

  it('merges a partly overlapping upsert: new values win where both have a bar, old bars elsewhere stay', async () => {
    const first = bars(MONDAY - 500 * MINUTE, 1_000, 1);
    const second = bars(MONDAY, 1_000, 2);
    await store.bars.upsertBars(first);
    await store.bars.upsertBars(second);
    const loaded = await store.bars.loadBars('AAPL', '1m');
    expect(loaded.length).toBe(1_500);
    expectIdentical(loaded.slice(0, 500), first.slice(0, 500));
    expectIdentical(loaded.slice(500), second);
    expect(await store.bars.countBars('AAPL', '1m')).toBe(1_500);
  });

  it('merges bars that interleave with stored ones inside one chunk', async () => {
    const even = bars(MONDAY, 100, 1, '1m', 2);
    const odd = bars(MONDAY + MINUTE, 100, 2, '1m', 2);
    await store.bars.upsertBars(even);
    await store.bars.upsertBars(odd);
    const loaded = await store.bars.loadBars('AAPL', '1m');
    expect(loaded.length).toBe(200);
    expect(Array.from(loaded.ts.subarray(0, 4))).toEqual([
      MONDAY,
      MONDAY + MINUTE,
      MONDAY + 2 * MINUTE,
      MONDAY + 3 * MINUTE,
    ]);
    expect(loaded.close[1]).toBe(odd.close[0]);
    expect(loaded.close[2]).toBe(even.close[1]);
  });

  it('is idempotent: storing the same bars again leaves the count and the bytes unchanged', async () => {
    const series = bars(MONDAY - 100 * MINUTE, 20_000, 5);
    await store.bars.upsertBars(series, { batchSize: 3_000 });
    await store.bars.upsertBars(series, { batchSize: 7_000 });
    expect(await store.bars.countBars('AAPL', '1m')).toBe(20_000);
    expectIdentical(await store.bars.loadBars('AAPL', '1m'), series);
  });

  it('overwrites values when the same timestamps are imported again', async () => {
    await store.bars.upsertBars(bars(MONDAY, 500, 1));
    const corrected = bars(MONDAY, 500, 99);
    await store.bars.upsertBars(corrected);
    expectIdentical(await store.bars.loadBars('AAPL', '1m'), corrected);
  });

  it('keeps symbols and timeframes apart and summarises each stored series', async () => {
    await store.bars.upsertBars(bars(MONDAY, 300, 1, '1m', 1, 'MSFT'));
    await store.bars.upsertBars(bars(MONDAY, 50, 2, '1h', 60, 'AAPL'));
    await store.bars.upsertBars(bars(MONDAY - WEEK, 20_000, 3, '1m', 1, 'AAPL'));
    expect(await store.bars.listSeries()).toEqual([
      {
        symbol: 'AAPL',
        timeframe: '1m',
        count: 20_000,
        firstTs: MONDAY - WEEK,
        lastTs: MONDAY - WEEK + 19_999 * MINUTE,
      },
      { symbol: 'AAPL', timeframe: '1h', count: 50, firstTs: MONDAY, lastTs: MONDAY + 49 * 60 * MINUTE },
      { symbol: 'MSFT', timeframe: '1m', count: 300, firstTs: MONDAY, lastTs: MONDAY + 299 * MINUTE },
    ]);
    expect((await store.bars.loadBars('AAPL', '1h')).length).toBe(50);
  });

  it('deletes one timeframe or every timeframe of a symbol and reports how many bars went', async () => {
    await store.bars.upsertBars(bars(MONDAY, 300, 1, '1m'));
    await store.bars.upsertBars(bars(MONDAY, 40, 2, '1h', 60));
    await store.bars.upsertBars(bars(MONDAY, 10, 3, '1m', 1, 'MSFT'));
    expect(await store.bars.deleteSeries('AAPL', '1h')).toBe(40);
    expect(await store.bars.countBars('AAPL', '1h')).toBe(0);
    expect(await store.bars.countBars('AAPL', '1m')).toBe(300);
    await store.bars.upsertBars(bars(MONDAY, 40, 2, '1h', 60));
    expect(await store.bars.deleteSeries('aapl')).toBe(340);
    expect((await store.bars.listSeries()).map((s) => s.symbol)).toEqual(['MSFT']);
    expect(await store.bars.deleteSeries('NONE')).toBe(0);
  });

  it('normalises symbols: bars stored as "aapl" load as "AAPL"', async () => {
    await store.bars.upsertBars(bars(MONDAY, 10, 1, '1m', 1, 'aapl'));
    const loaded = await store.bars.loadBars(' aapl ', '1m');
    expect(loaded.symbol).toBe('AAPL');
    expect(loaded.length).toBe(10);
  });

  it('returns an empty series for an unknown symbol, an empty range or an inverted range', async () => {
    await store.bars.upsertBars(bars(MONDAY, 10, 1));
    const unknown = await store.bars.loadBars('ZZZ', '1d');
    expect([unknown.length, unknown.symbol, unknown.timeframe]).toEqual([0, 'ZZZ', '1d']);
    expect(
      (await store.bars.loadBars('AAPL', '1m', { from: MONDAY + 5 * MINUTE, to: MONDAY + 5 * MINUTE }))
        .length,
    ).toBe(0);
    expect((await store.bars.loadBars('AAPL', '1m', { from: MONDAY + 9 * MINUTE, to: MONDAY })).length).toBe(
      0,
    );
    expect((await store.bars.loadBars('AAPL', '1m', { from: MONDAY + WEEK })).length).toBe(0);
    expect(await store.bars.upsertBars(BarSeries.allocate('AAPL', '1m', 0))).toEqual({
      written: 0,
      batches: 0,
    });
  });

  it('rejects bad input before writing anything', async () => {
    const unordered = bars(MONDAY, 5, 1);
    unordered.ts[3] = unordered.ts[1] as number;
    await expect(store.bars.upsertBars(unordered)).rejects.toThrow(
      /bar ts ".+" at index 3 must be greater than the previous/,
    );
    const notFinite = bars(MONDAY, 5, 1);
    notFinite.ts[0] = Number.NaN;
    await expect(store.bars.upsertBars(notFinite)).rejects.toThrow(
      /bar ts "NaN" at index 0 must be a finite epoch ms/,
    );
    await expect(store.bars.upsertBars(bars(MONDAY, 5, 1), { batchSize: 0 })).rejects.toThrow(
      /batchSize "0" must be an integer >= 1/,
    );
    const badTimeframe = new BarSeries('AAPL', '2m' as Timeframe, bars(MONDAY, 5, 1));
    await expect(store.bars.upsertBars(badTimeframe)).rejects.toThrow(/timeframe "2m" must be one of/);
    await expect(store.bars.upsertBars(bars(MONDAY, 5, 1, '1m', 1, 'not a symbol!'))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(store.bars.loadBars('AAPL', '1m', { from: Number.NaN })).rejects.toThrow(
      /bar range from "NaN" to undefined must be epoch ms, not NaN/,
    );
    await expect(store.bars.countBars('AAPL', '7m' as Timeframe)).rejects.toThrow(/timeframe "7m"/);
    expect(await store.bars.listSeries()).toEqual([]);
  });

  it('matches a keyed-map model over any sequence of upserts', async () => {
    // Bars on a 500-minute grid spanning about 3 weeks, so upserts cross 1m chunk boundaries.
    const upsert = fc.record({
      keys: fc
        .uniqueArray(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 25 })
        .map((k) => k.sort((a, b) => a - b)),
      seed: fc.integer({ min: 1, max: 1_000 }),
      batchSize: fc.integer({ min: 1, max: 30 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(upsert, { minLength: 1, maxLength: 5 }), async (steps) => {
        const local = openSqliteStore({ path: ':memory:' });
        const model = new Map<number, number>();
        for (const { keys, seed, batchSize } of steps) {
          const series = BarSeries.fromBars(
            'X',
            '1m',
            keys.map((k) => ({
              tsEvent: MONDAY - WEEK + k * 500 * MINUTE,
              open: seed,
              high: seed,
              low: seed,
              close: seed + k,
              volume: 1,
            })),
          );
          expect(await local.bars.upsertBars(series, { batchSize })).toEqual({
            written: keys.length,
            batches: Math.ceil(keys.length / batchSize),
          });
          keys.forEach((k, i) => model.set(series.ts[i] as number, seed + k));
        }
        const loaded = await local.bars.loadBars('X', '1m');
        const expected = [...model.entries()].sort(([a], [b]) => a - b);
        expect(Array.from(loaded.ts)).toEqual(expected.map(([ts]) => ts));
        expect(Array.from(loaded.close)).toEqual(expected.map(([, close]) => close));
        await local.close();
      }),
      { numRuns: 40 },
    );
  });
});

describe('SqliteBarRepository batches', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'nt-bars-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports progress once per batch with the bars written so far', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const progress: [number, number][] = [];
    const result = await store.bars.upsertBars(bars(MONDAY, 2_500, 1), {
      batchSize: 1_000,
      onBatch: (w, t) => progress.push([w, t]),
    });
    expect(result).toEqual({ written: 2_500, batches: 3 });
    expect(progress).toEqual([
      [1_000, 2_500],
      [2_000, 2_500],
      [2_500, 2_500],
    ]);
    await store.close();
  });

  it('commits one transaction per batch: a failure in batch k keeps batches before k and nothing of k', async () => {
    const path = join(dir, 'store.db');
    const series = bars(MONDAY - 2 * WEEK, 30_000, 4); // batches of 7,000 cut through 1m chunks
    const batchSize = 7_000;
    const failingBatch = 3;
    const store = openSqliteStore({ path });
    const failure = new Error('import killed');
    await expect(
      store.bars.upsertBars(series, {
        batchSize,
        onBatch: (written) => {
          if (written === failingBatch * batchSize) throw failure;
        },
      }),
    ).rejects.toBe(failure);
    await store.close();

    const reopened = openSqliteStore({ path });
    const kept = (failingBatch - 1) * batchSize;
    expect(await reopened.bars.countBars('AAPL', '1m')).toBe(kept);
    expectIdentical(await reopened.bars.loadBars('AAPL', '1m'), series.slice(0, kept));
    expect(await reopened.integrityCheck()).toEqual([]);
    // Re-running the import completes it without duplicates.
    await reopened.bars.upsertBars(series, { batchSize });
    expectIdentical(await reopened.bars.loadBars('AAPL', '1m'), series);
    await reopened.close();
  });
});

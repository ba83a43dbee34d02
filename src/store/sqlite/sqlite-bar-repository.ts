import type Database from 'better-sqlite3';
import { InvalidInputError, quote } from '../../core/errors.js';
import { BAR_FIELDS, BarSeries, type BarColumns } from '../../data/bar-series.js';
import { normalizeSymbol } from '../../model/instrument.js';
import { TIMEFRAMES, isTimeframe, type Timeframe } from '../../model/timeframe.js';
import type {
  BarRepository,
  SeriesSummary,
  TimeRange,
  UpsertBarsOptions,
  UpsertBarsResult,
} from '../repositories.types.js';
import {
  blobColumn,
  chunkStartOf,
  chunkWidthMs,
  columnBlob,
  copyBlobInto,
  mergeChunks,
} from './bar-chunks.js';
import { settle } from './settle.js';

const DEFAULT_BATCH_SIZE = 100_000;

type ChunkRow = [
  count: number,
  ts: Buffer,
  open: Buffer,
  high: Buffer,
  low: Buffer,
  close: Buffer,
  volume: Buffer,
];
type ChunkMeta = [firstTs: number, lastTs: number, count: number];
type SummaryRow = [symbol: string, timeframe: string, count: number, firstTs: number, lastTs: number];

/**
 * Bars as columnar chunks (format and bucket widths in bar-chunks.ts). Upserting reads each touched chunk,
 * merges by ts (new values win) and writes it back, inside the batch's transaction; loading copies the
 * chunks' BLOBs straight into one BarSeries allocation.
 */
export class SqliteBarRepository implements BarRepository {
  private readonly db: Database.Database;
  private readonly selectChunk: Database.Statement<[string, string, number], ChunkRow>;
  private readonly writeChunk: Database.Statement<unknown[]>;
  private readonly selectMeta: Database.Statement<unknown[], ChunkMeta>;
  private readonly selectBlobs: Database.Statement<unknown[], ChunkRow>;

  constructor(db: Database.Database) {
    this.db = db;
    this.selectChunk = db
      .prepare<[string, string, number], ChunkRow>(
        `SELECT count, ts, open, high, low, close, volume FROM bar_chunks
          WHERE instrument = ? AND timeframe = ? AND chunk_start = ?`,
      )
      .raw();
    this.writeChunk = db.prepare(
      `INSERT INTO bar_chunks (instrument, timeframe, chunk_start, first_ts, last_ts, count, ts, open, high, low, close, volume)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (instrument, timeframe, chunk_start) DO UPDATE SET
         first_ts = excluded.first_ts, last_ts = excluded.last_ts, count = excluded.count, ts = excluded.ts,
         open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume`,
    );
    // Chunks overlapping [from, to): the chunk_start bounds use the primary key, the ts bounds trim the ends.
    const overlapping = `FROM bar_chunks WHERE instrument = ? AND timeframe = ? AND chunk_start >= ? AND chunk_start < ?
                           AND last_ts >= ? AND first_ts < ? ORDER BY chunk_start`;
    this.selectMeta = db
      .prepare<unknown[], ChunkMeta>(`SELECT first_ts, last_ts, count ${overlapping}`)
      .raw();
    this.selectBlobs = db
      .prepare<unknown[], ChunkRow>(`SELECT count, ts, open, high, low, close, volume ${overlapping}`)
      .raw();
  }

  upsertBars(series: BarSeries, options: UpsertBarsOptions = {}): Promise<UpsertBarsResult> {
    return settle(() => this.upsertNow(series, options));
  }

  loadBars(symbol: string, timeframe: Timeframe, range: TimeRange = {}): Promise<BarSeries> {
    return settle(() => this.loadNow(symbol, timeframe, range));
  }

  listSeries(): Promise<SeriesSummary[]> {
    return settle(() => {
      const rows = this.db
        .prepare<[], SummaryRow>(
          `SELECT instrument, timeframe, SUM(count), MIN(first_ts), MAX(last_ts) FROM bar_chunks
            GROUP BY instrument, timeframe`,
        )
        .raw()
        .all();
      const order = (timeframe: string): number => (TIMEFRAMES as readonly string[]).indexOf(timeframe);
      return rows
        .map(([symbol, timeframe, count, firstTs, lastTs]) => ({
          symbol,
          timeframe: timeframe as Timeframe,
          count,
          firstTs,
          lastTs,
        }))
        .sort((x, y) =>
          x.symbol < y.symbol ? -1 : x.symbol > y.symbol ? 1 : order(x.timeframe) - order(y.timeframe),
        );
    });
  }

  deleteSeries(symbol: string, timeframe?: Timeframe): Promise<number> {
    return settle(() => {
      const instrument = normalizeSymbol(symbol);
      const filter = timeframe === undefined ? '' : ' AND timeframe = ?';
      const args = timeframe === undefined ? [instrument] : [instrument, checkTimeframe(timeframe)];
      return this.db.transaction(() => {
        const count = this.db
          .prepare(`SELECT COALESCE(SUM(count), 0) FROM bar_chunks WHERE instrument = ?${filter}`)
          .pluck()
          .get(...args) as number;
        this.db.prepare(`DELETE FROM bar_chunks WHERE instrument = ?${filter}`).run(...args);
        return count;
      })();
    });
  }

  countBars(symbol: string, timeframe: Timeframe): Promise<number> {
    return settle(
      () =>
        this.db
          .prepare('SELECT COALESCE(SUM(count), 0) FROM bar_chunks WHERE instrument = ? AND timeframe = ?')
          .pluck()
          .get(normalizeSymbol(symbol), checkTimeframe(timeframe)) as number,
    );
  }

  private upsertNow(series: BarSeries, options: UpsertBarsOptions): UpsertBarsResult {
    const instrument = normalizeSymbol(series.symbol);
    const timeframe = checkTimeframe(series.timeframe);
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new InvalidInputError(`batchSize ${quote(batchSize)} must be an integer >= 1`);
    }
    checkTimestamps(series.ts);
    const total = series.length;
    const width = chunkWidthMs(timeframe);
    const writeBatch = this.db.transaction((start: number, end: number) => {
      this.writeRange(instrument, timeframe, width, series, start, end);
      options.onBatch?.(end, total);
    });
    let batches = 0;
    for (let start = 0; start < total; start += batchSize) {
      writeBatch(start, Math.min(total, start + batchSize));
      batches++;
    }
    return { written: total, batches };
  }

  /** Writes rows [start, end) of `series`, one chunk at a time, merging into what is stored. */
  private writeRange(
    instrument: string,
    timeframe: Timeframe,
    width: number,
    series: BarSeries,
    start: number,
    end: number,
  ): void {
    const ts = series.ts;
    let i = start;
    while (i < end) {
      const chunkStart = chunkStartOf(ts[i] as number, width);
      const j = lowerBound(ts, chunkStart + width, i + 1, end);
      let chunk: BarColumns = series.slice(i, j);
      const stored = this.selectChunk.get(instrument, timeframe, chunkStart);
      if (stored !== undefined) chunk = mergeChunks(decodeChunk(stored), chunk);
      const count = chunk.ts.length;
      this.writeChunk.run(
        instrument,
        timeframe,
        chunkStart,
        chunk.ts[0],
        chunk.ts[count - 1],
        count,
        ...BAR_FIELDS.map((field) => columnBlob(chunk[field])),
      );
      i = j;
    }
  }

  private loadNow(symbol: string, timeframe: Timeframe, range: TimeRange): BarSeries {
    const instrument = normalizeSymbol(symbol);
    checkTimeframe(timeframe);
    const from = range.from ?? -Number.MAX_VALUE;
    const to = range.to ?? Number.MAX_VALUE;
    if (Number.isNaN(from) || Number.isNaN(to)) {
      throw new InvalidInputError(
        `bar range from ${quote(range.from)} to ${quote(range.to)} must be epoch ms, not NaN`,
      );
    }
    if (!(from < to)) return BarSeries.allocate(instrument, timeframe, 0);
    const width = chunkWidthMs(timeframe);
    const lowestChunk = range.from === undefined ? -Number.MAX_VALUE : chunkStartOf(from, width);
    const args = [instrument, timeframe, lowestChunk, to, from, to];
    // One read transaction: the sizing pass and the copying pass see the same snapshot. The sizing pass counts
    // whole chunks; when the range cuts the edge chunks the result is a view of the first `length` rows.
    return this.db.transaction(() => {
      let capacity = 0;
      for (const [, , count] of this.selectMeta.iterate(...args)) capacity += count;
      const series = BarSeries.allocate(instrument, timeframe, capacity);
      let length = 0;
      for (const [count, tsBlob, ...fields] of this.selectBlobs.iterate(...args)) {
        let lo = 0;
        let hi = count;
        const whole = tsBlob.readDoubleLE(0) >= from && tsBlob.readDoubleLE((count - 1) * 8) < to;
        if (!whole) {
          const ts = blobColumn(tsBlob);
          lo = lowerBound(ts, from, 0, count);
          hi = lowerBound(ts, to, lo, count);
        }
        copyBlobInto(tsBlob, lo, hi, series.ts, length);
        BAR_FIELDS.slice(1).forEach((field, c) =>
          copyBlobInto(fields[c] as Buffer, lo, hi, series[field], length),
        );
        length += hi - lo;
      }
      return length === capacity ? series : series.slice(0, length);
    })();
  }
}

function decodeChunk([, ts, open, high, low, close, volume]: ChunkRow): BarColumns {
  return {
    ts: blobColumn(ts),
    open: blobColumn(open),
    high: blobColumn(high),
    low: blobColumn(low),
    close: blobColumn(close),
    volume: blobColumn(volume),
  };
}

/** First index in [lo, hi) whose value is >= target (hi when none). */
function lowerBound(values: Float64Array, target: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function checkTimestamps(ts: Float64Array): void {
  for (let i = 0; i < ts.length; i++) {
    const value = ts[i] as number;
    if (!Number.isFinite(value))
      throw new InvalidInputError(`bar ts ${quote(value)} at index ${i} must be a finite epoch ms`);
    if (i > 0 && !(value > (ts[i - 1] as number))) {
      throw new InvalidInputError(
        `bar ts ${quote(value)} at index ${i} must be greater than the previous ${quote(ts[i - 1])} (strictly increasing)`,
      );
    }
  }
}

function checkTimeframe(timeframe: string): Timeframe {
  if (!isTimeframe(timeframe))
    throw new InvalidInputError(`timeframe ${quote(timeframe)} must be one of ${TIMEFRAMES.join(', ')}`);
  return timeframe;
}

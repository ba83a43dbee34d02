import { quote } from '../../core/errors.js';
import type { Timeframe } from '../../model/timeframe.js';
import { BAR_FIELDS, BarSeries } from '../bar-series.js';
import { BAR_INPUT_FIELDS, type ErrorPolicy } from './import-options.js';
import { FIELD } from './resolve-columns.js';
import type { IssueAction, IssueRule, ValidationIssue } from './validation-issue.js';

/** Gives the text of a field of the current row, as found in the file; only called when reporting. */
export interface RawFieldSource {
  rawField(field: number): string;
  rawRow(): string;
}

interface PendingIssue {
  readonly rule: IssueRule;
  readonly field: string;
  readonly value: string;
  readonly text: string;
}

export interface AccumulatorSettings {
  readonly policy: ErrorPolicy;
  readonly adjust: boolean;
  readonly capacity: number;
  readonly symbol: string;
  readonly timeframe: Timeframe;
}

/*
 * Field indices as module constants: the per-row code reads no imported binding, because under tsx's CommonJS
 * transform (tests, benchmarks) every such read is a getter call, which cost a fifth of the parse time.
 */
const {
  date: DATE,
  open: OPEN,
  high: HIGH,
  low: LOW,
  close: CLOSE,
  volume: VOLUME,
  adjclose: ADJCLOSE,
} = FIELD;
const PRICE_FIELDS = [OPEN, HIGH, LOW, CLOSE] as const;

/**
 * Validates rows one at a time and stores the accepted ones into preallocated columns. A reader calls
 * `beginRow(line)`, writes the parsed numbers into `values` (by FIELD index; the date as epoch ms), reports
 * fields it could not parse through `fieldIssue`, then calls `endRow()`. No object is allocated for a clean row.
 *
 * Row rules: prices (and adjclose) must be > 0, volume >= 0, high >= low, low <= open, close <= high.
 * Order rules: each kept timestamp must be strictly greater than the one before. Under `drop` that compares
 * with the last accepted row (a row at or before it is dropped); under `reject` and `repair` with the previous
 * row that passed the row rules (so one misplaced row is one issue). `repair` sorts afterwards and keeps the last
 * of equal timestamps (see sort-and-deduplicate.ts).
 */
export class BarAccumulator {
  /** The current row's parsed values, by FIELD index. Fields without a column stay 0 (volume). */
  readonly values = new Float64Array(BAR_INPUT_FIELDS.length);
  readonly issues: ValidationIssue[] = [];
  /** Stored rows are the first `count`; the columns grow when a reader's row estimate was short. */
  series: BarSeries;
  /** File line of each stored row. */
  lines: Int32Array;
  /** 1 where a stored row was repaired. */
  repaired: Uint8Array;
  rowsRead = 0;
  /** Stored rows (a prefix of the columns). */
  count = 0;
  /** Issues with action `rejected`. */
  errorCount = 0;
  /** Set under `repair` when a row came earlier than its predecessor. */
  needsSort = false;
  source: RawFieldSource | null = null;

  /** Whether stored prices are scaled by adjclose / close. */
  readonly adjusted: boolean;
  private readonly policy: ErrorPolicy;
  private readonly pending: PendingIssue[] = [];
  private line = 0;
  private fieldFailed = false;
  private previousTs = -Infinity;
  private previousLine = 0;

  constructor(settings: AccumulatorSettings) {
    this.policy = settings.policy;
    this.adjusted = settings.adjust;
    const capacity = Math.max(16, settings.capacity);
    this.series = BarSeries.allocate(settings.symbol, settings.timeframe, capacity);
    this.lines = new Int32Array(capacity);
    this.repaired = new Uint8Array(capacity);
  }

  beginRow(line: number): void {
    this.line = line;
    this.rowsRead++;
    this.fieldFailed = false;
  }

  /** A field that could not be read: `missing_value`, `unparseable_number` or `unparseable_date`. */
  fieldIssue(field: number, rule: IssueRule, expected = ''): void {
    const name = BAR_INPUT_FIELDS[field] as string;
    const value = this.raw(field);
    const text =
      rule === 'missing_value'
        ? `${name} is missing (found ${quote(value)})`
        : rule === 'unparseable_date'
          ? `${name} ${quote(value)} is not ${expected}`
          : `${name} ${quote(value)} is not a number`;
    this.pending.push({ rule, field: name, value, text });
    this.fieldFailed = true;
  }

  /** The row as a whole cannot be read (wrong number of fields, not a JSON object, unclosed quote). */
  shapeIssue(text: string): void {
    this.pending.push({ rule: 'bad_row_shape', field: 'row', value: this.source?.rawRow() ?? '', text });
    this.fieldFailed = true;
  }

  endRow(): void {
    if (this.fieldFailed) {
      this.settle(this.policy === 'reject' ? 'rejected' : 'dropped', '');
      return;
    }
    const values = this.values;
    const ts = values[DATE] as number;
    const open = values[OPEN] as number;
    let high = values[HIGH] as number;
    let low = values[LOW] as number;
    const close = values[CLOSE] as number;
    const volume = values[VOLUME] as number;
    // Fast path for the clean row, the common case: low > 0 with every price inside [low, high] implies all
    // prices > 0; the timestamp follows the previous one.
    if (
      low > 0 &&
      high >= low &&
      open >= low &&
      open <= high &&
      close >= low &&
      close <= high &&
      volume >= 0 &&
      ts > this.previousTs &&
      (!this.adjusted || (values[ADJCLOSE] as number) > 0)
    ) {
      this.previousTs = ts;
      this.previousLine = this.line;
      this.store(ts, open, high, low, close, volume, false);
      return;
    }
    // Non-positive prices and negative volumes have no deterministic fix; range violations do.
    for (const field of PRICE_FIELDS) {
      if (!((values[field] as number) > 0)) this.mustBe(field, 'non_positive_price', '> 0');
    }
    if (this.adjusted && !((values[ADJCLOSE] as number) > 0))
      this.mustBe(ADJCLOSE, 'non_positive_price', '> 0');
    if (volume < 0) this.mustBe(VOLUME, 'negative_volume', '>= 0');
    const unrepairable = this.pending.length > 0;
    if (high < low) {
      this.compare('high_below_low', HIGH, 'is below', LOW);
    } else {
      if (open > high) this.compare('open_outside_range', OPEN, 'is above', HIGH);
      else if (open < low) this.compare('open_outside_range', OPEN, 'is below', LOW);
      if (close > high) this.compare('close_outside_range', CLOSE, 'is above', HIGH);
      else if (close < low) this.compare('close_outside_range', CLOSE, 'is below', LOW);
    }

    let repairedRow = false;
    if (this.pending.length > 0) {
      if (unrepairable || this.policy !== 'repair') {
        this.settle(this.policy === 'reject' ? 'rejected' : 'dropped', '');
        return;
      }
      const widenedHigh = Math.max(open, high, low, close);
      const widenedLow = Math.min(open, high, low, close);
      const changes = [
        widenedHigh !== high ? `high set to ${widenedHigh}` : '',
        widenedLow !== low ? `low set to ${widenedLow}` : '',
      ].filter((change) => change !== '');
      this.settle('repaired', `; ${changes.join(' and ')}`);
      high = widenedHigh;
      low = widenedLow;
      repairedRow = true;
    }

    // Under repair a duplicate is settled after sorting, where the last occurrence is known.
    if (ts < this.previousTs || (ts === this.previousTs && this.policy !== 'repair')) {
      const duplicate = ts === this.previousTs;
      const date = this.raw(DATE);
      const relation = duplicate ? 'repeats the timestamp of' : 'is earlier than';
      this.pending.push({
        rule: duplicate ? 'duplicate_timestamp' : 'out_of_order_timestamp',
        field: 'date',
        value: date,
        text: `date ${quote(date)} ${relation} line ${this.previousLine} (${formatTimestamp(this.previousTs)})`,
      });
      if (this.policy === 'drop') {
        this.settle('dropped', '');
        return;
      }
      if (this.policy === 'reject') {
        this.settle('rejected', '');
        this.previousTs = ts;
        this.previousLine = this.line;
        return;
      }
      this.settle('repaired', '; rows sorted by time');
      this.needsSort = true;
      repairedRow = true;
    }
    this.previousTs = ts;
    this.previousLine = this.line;
    this.store(ts, open, high, low, close, volume, repairedRow);
  }

  private store(
    ts: number,
    open: number,
    high: number,
    low: number,
    close: number,
    volume: number,
    repairedRow: boolean,
  ): void {
    if (this.count === this.lines.length) this.grow();
    const index = this.count++;
    const series = this.series;
    // factor = adjclose / close; scaling every price by the same positive factor keeps their order exactly
    // (IEEE multiplication is monotonic), so a valid bar stays valid.
    const factor = this.adjusted ? (this.values[ADJCLOSE] as number) / close : 1;
    series.ts[index] = ts;
    series.open[index] = open * factor;
    series.high[index] = high * factor;
    series.low[index] = low * factor;
    series.close[index] = close * factor;
    series.volume[index] = volume / factor;
    this.lines[index] = this.line;
    if (repairedRow) this.repaired[index] = 1;
  }

  private grow(): void {
    const capacity = Math.ceil(this.lines.length * 1.5);
    const series = BarSeries.allocate(this.series.symbol, this.series.timeframe, capacity);
    for (const field of BAR_FIELDS) series[field].set(this.series[field]);
    const lines = new Int32Array(capacity);
    lines.set(this.lines);
    const repaired = new Uint8Array(capacity);
    repaired.set(this.repaired);
    this.series = series;
    this.lines = lines;
    this.repaired = repaired;
  }

  private raw(field: number): string {
    return this.source?.rawField(field) ?? '';
  }

  private mustBe(field: number, rule: IssueRule, bound: string): void {
    const name = BAR_INPUT_FIELDS[field] as string;
    const value = this.raw(field);
    this.pending.push({ rule, field: name, value, text: `${name} ${quote(value)} must be ${bound}` });
  }

  private compare(rule: IssueRule, field: number, relation: string, other: number): void {
    const name = BAR_INPUT_FIELDS[field] as string;
    const otherName = BAR_INPUT_FIELDS[other] as string;
    const value = this.raw(field);
    const text = `${name} ${quote(value)} ${relation} ${otherName} ${quote(this.raw(other))}`;
    this.pending.push({ rule, field: name, value, text });
  }

  /** Turns the row's pending issues into issues with `action`; `suffix` says what a repair did. */
  private settle(action: IssueAction, suffix: string): void {
    const ending = action === 'dropped' ? '; row dropped' : action === 'repaired' ? suffix : '';
    for (const { rule, field, value, text } of this.pending) {
      this.issues.push({
        line: this.line,
        rule,
        field,
        value,
        message: `line ${this.line}: ${text}${ending}`,
        action,
      });
      if (action === 'rejected') this.errorCount++;
    }
    this.pending.length = 0;
  }
}

/** ISO text of an epoch-ms timestamp for messages: the date alone at UTC midnight, else the full instant. */
export function formatTimestamp(ts: number): string {
  const iso = new Date(ts).toISOString();
  return ts % 86_400_000 === 0 ? iso.slice(0, 10) : iso;
}

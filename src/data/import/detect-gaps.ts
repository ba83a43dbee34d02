import { timeframeMs, type Timeframe } from '../../model/timeframe.js';
import { formatTimestamp } from './bar-accumulator.js';
import type { ValidationIssue } from './validation-issue.js';

const MS_PER_DAY = 86_400_000;
const MS_PER_WEEK = 7 * MS_PER_DAY;
/** Epoch day 0 (1970-01-01) was a Thursday; weeks start on Monday, 4 days later. */
const MONDAY_SHIFT = 4 * MS_PER_DAY;

/**
 * Finds gaps between consecutive bars (timestamps strictly increasing) and returns one `gap` warning per gap,
 * on the line of the bar after it, with action `reported`. Gaps never reject an import. Rules, in UTC:
 * - `1d`: a Monday-Friday day with no bar between two bars. Weekends are not gaps; exchange holidays are
 *   (there is no calendar here), which is why gaps are warnings.
 * - `1w`: a Monday-based week with no bar between two bars.
 * - intraday (`1m` ... `4h`): an empty timeframe bucket (floor(ts / timeframe), as in bucketStart) between
 *   two bars of the same UTC day; steps across midnight (overnight, weekends) are session breaks, not gaps.
 *   Counting buckets rather than comparing the step with the timeframe lets timestamps be off the bucket
 *   grid (`14:30:07`, `14:35:09`).
 */
export function detectGaps(ts: Float64Array, lines: Int32Array, timeframe: Timeframe): ValidationIssue[] {
  const gaps: ValidationIssue[] = [];
  const width = timeframeMs(timeframe);
  for (let index = 1; index < ts.length; index++) {
    const previous = ts[index - 1] as number;
    const current = ts[index] as number;
    let description = '';
    if (timeframe === '1d') {
      description = missingWeekdays(
        Math.floor(previous / MS_PER_DAY) + 1,
        Math.floor(current / MS_PER_DAY) - 1,
      );
    } else if (timeframe === '1w') {
      const weeks =
        Math.floor((current - MONDAY_SHIFT) / MS_PER_WEEK) -
        Math.floor((previous - MONDAY_SHIFT) / MS_PER_WEEK);
      if (weeks > 1) description = `${weeks - 1} week${weeks > 2 ? 's' : ''} with no bar`;
    } else if (Math.floor(previous / MS_PER_DAY) === Math.floor(current / MS_PER_DAY)) {
      const missing = Math.floor(current / width) - Math.floor(previous / width) - 1;
      if (missing > 0) description = `${missing} missing ${timeframe} bar${missing > 1 ? 's' : ''}`;
    }
    if (description === '') continue;
    const line = lines[index] as number;
    const value = formatTimestamp(current);
    gaps.push({
      line,
      rule: 'gap',
      field: 'date',
      value,
      message: `line ${line}: gap of ${description} between ${formatTimestamp(previous)} (line ${lines[index - 1]}) and ${value}`,
      action: 'reported',
    });
  }
  return gaps;
}

/** 0 = Sunday ... 6 = Saturday, for an epoch day number. */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function isWeekday(day: number): boolean {
  const dayOfWeek = weekday(day);
  return dayOfWeek !== 0 && dayOfWeek !== 6;
}

/** Describes the weekdays in epoch days [first, last] (e.g. `1 weekday with no bar (2024-01-03)`), or ''. */
function missingWeekdays(first: number, last: number): string {
  let from = first;
  let to = last;
  while (from <= to && !isWeekday(from)) from++;
  while (to >= from && !isWeekday(to)) to--;
  if (from > to) return '';
  const span = to - from + 1;
  let count = Math.floor(span / 7) * 5;
  for (let day = from + Math.floor(span / 7) * 7; day <= to; day++) if (isWeekday(day)) count++;
  const fromText = formatTimestamp(from * MS_PER_DAY);
  const days = count === 1 ? `(${fromText})` : `(${fromText} to ${formatTimestamp(to * MS_PER_DAY)})`;
  return `${count} weekday${count > 1 ? 's' : ''} with no bar ${days}`;
}

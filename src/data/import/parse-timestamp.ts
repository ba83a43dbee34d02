const MS_PER_DAY = 86_400_000;
/** The ECMAScript time range: |t| <= 8.64e15 ms around 1970. */
const MAX_ABS_EPOCH_MS = 8.64e15;

/**
 * Days from 1970-01-01 to the proleptic Gregorian date y-m-d (Howard Hinnant's `days_from_civil`): integer
 * arithmetic only, no Date object, so it is cheap enough to run per row.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

let cachedDateKey = -1;
let cachedDateMs = 0;

/** Two ASCII digits at bytes[i], or -1. */
function twoDigits(bytes: Uint8Array, i: number): number {
  const tens = (bytes[i] as number) - 48;
  const ones = (bytes[i + 1] as number) - 48;
  if (tens < 0 || tens > 9 || ones < 0 || ones > 9) return -1;
  return tens * 10 + ones;
}

/**
 * Parses the ASCII bytes [start, end) as an ISO 8601 date or timestamp and returns epoch ms, or NaN:
 * `YYYY-MM-DD` is UTC midnight; `YYYY-MM-DD[T|t| ]HH:MM[:SS[(.|,)f{1,9}]]` then optionally `Z`/`z`, `±hh:mm`,
 * `±hhmm` or `±hh`; no zone means UTC. An offset is subtracted (`10:00+02:00` is 08:00 UTC). Fractions are
 * truncated to the millisecond. Calendar checks are strict: month 1-12, the day within its month, hour 0-23,
 * minute and second 0-59.
 */
export function parseIsoTimestamp(bytes: Uint8Array, start: number, end: number): number {
  if (end - start < 10 || bytes[start + 4] !== 45 || bytes[start + 7] !== 45) return Number.NaN;
  const century = twoDigits(bytes, start);
  const yearInCentury = twoDigits(bytes, start + 2);
  const month = twoDigits(bytes, start + 5);
  const day = twoDigits(bytes, start + 8);
  if (century < 0 || yearInCentury < 0 || month < 1 || month > 12 || day < 1) return Number.NaN;
  const year = century * 100 + yearInCentury;
  // Consecutive bars mostly share their date: remember the last one (a pure cache, so results never depend on it).
  const dateKey = year * 416 + month * 32 + day;
  let dateMs = cachedDateMs;
  if (dateKey !== cachedDateKey) {
    if (day > daysInMonth(year, month)) return Number.NaN;
    dateMs = daysFromCivil(year, month, day) * MS_PER_DAY;
    cachedDateKey = dateKey;
    cachedDateMs = dateMs;
  }
  let i = start + 10;
  if (i === end) return dateMs;

  const separator = bytes[i];
  if (separator !== 84 && separator !== 116 && separator !== 32) return Number.NaN; // 'T' 't' ' '
  if (end - i < 6 || bytes[i + 3] !== 58) return Number.NaN; // ':'
  const hour = twoDigits(bytes, i + 1);
  const minute = twoDigits(bytes, i + 4);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return Number.NaN;
  i += 6;
  let second = 0;
  let millisecond = 0;
  if (i < end && bytes[i] === 58) {
    second = end - i >= 3 ? twoDigits(bytes, i + 1) : -1;
    if (second < 0 || second > 59) return Number.NaN;
    i += 3;
    const mark = i < end ? bytes[i] : 0;
    if (mark === 46 || mark === 44) {
      // '.' or ','
      i++;
      let count = 0;
      while (i < end) {
        const digit = (bytes[i] as number) - 48;
        if (digit < 0 || digit > 9) break;
        if (count < 3) millisecond = millisecond * 10 + digit;
        count++;
        i++;
      }
      if (count === 0 || count > 9) return Number.NaN;
      if (count < 3) millisecond *= count === 1 ? 100 : 10;
    }
  }
  const offsetMs = parseZone(bytes, i, end);
  if (Number.isNaN(offsetMs)) return Number.NaN;
  return dateMs + hour * 3_600_000 + minute * 60_000 + second * 1000 + millisecond - offsetMs;
}

/** The zone designator at bytes [i, end) as an offset in ms east of UTC (0 when absent), or NaN. */
function parseZone(bytes: Uint8Array, i: number, end: number): number {
  if (i === end) return 0;
  const sign = bytes[i];
  if (sign === 90 || sign === 122) return i + 1 === end ? 0 : Number.NaN; // 'Z' 'z'
  if (sign !== 43 && sign !== 45) return Number.NaN; // '+' '-'
  const length = end - i - 1;
  const hours = length >= 2 ? twoDigits(bytes, i + 1) : -1;
  let minutes: number;
  if (length === 2) minutes = 0;
  else if (length === 4) minutes = twoDigits(bytes, i + 3);
  else if (length === 5 && bytes[i + 3] === 58) minutes = twoDigits(bytes, i + 4);
  else return Number.NaN;
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return Number.NaN;
  const offset = hours * 3_600_000 + minutes * 60_000;
  return sign === 45 ? -offset : offset;
}

/** Epoch ms from a count of `unitMs`-long units (1000 for seconds, 1 for ms), rounded; NaN when invalid. */
export function epochFromNumber(value: number, unitMs: number): number {
  const ms = Math.round(value * unitMs);
  return Math.abs(ms) <= MAX_ABS_EPOCH_MS ? ms : Number.NaN;
}

/**
 * UTC calendar arithmetic on epoch milliseconds without allocating a `Date` per row, so month bucketing of a
 * million-row equity curve stays cheap. Uses Howard Hinnant's `civil_from_days` / `days_from_civil`
 * algorithms (proleptic Gregorian calendar), exact for every date a float64 epoch-ms value can hold.
 */
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 → [year, month 1-12, day 1-31] written into `out`. */
function civilFromDays(days: number, out: Int32Array): void {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // 0 = March
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  out[0] = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  out[1] = month;
  out[2] = day;
}

const scratch = new Int32Array(3);

/** Calendar year, month (1-12) and day of an epoch-ms timestamp, in UTC. */
export function utcCivilDate(ts: number): { year: number; month: number; day: number } {
  civilFromDays(Math.floor(ts / MS_PER_DAY), scratch);
  return { year: scratch[0] as number, month: scratch[1] as number, day: scratch[2] as number };
}

/** `year * 12 + (month - 1)` of a timestamp in UTC: consecutive calendar months get consecutive integers. */
export function utcMonthIndex(ts: number): number {
  civilFromDays(Math.floor(ts / MS_PER_DAY), scratch);
  return (scratch[0] as number) * 12 + (scratch[1] as number) - 1;
}

/** Epoch ms of 00:00 UTC on the given calendar day (month 1-12). */
export function utcEpochMs(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return (era * 146_097 + dayOfEra - 719_468) * MS_PER_DAY;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** `YYYY-MM-DD` in UTC; `—` for a timestamp that is not a finite number. */
export function formatUtcDate(ts: number): string {
  if (!Number.isFinite(ts)) return '—';
  const { year, month, day } = utcCivilDate(ts);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** `YYYY-MM` in UTC. */
export function formatUtcMonth(ts: number): string {
  const { year, month } = utcCivilDate(ts);
  return `${pad(year, 4)}-${pad(month, 2)}`;
}

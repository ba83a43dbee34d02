const HOUR_MS = 3_600_000;

/**
 * Epoch ms of a wall-clock time in New York (US Eastern), where EDGAR stamps acceptance times. Standard
 * time is UTC-5, daylight time UTC-4. Daylight time runs, at 02:00 local time, from the second Sunday of
 * March to the first Sunday of November since 2007, and from the first Sunday of April to the last Sunday of
 * October from 1987 to 2006 (Energy Policy Act of 2005; Uniform Time Act as amended in 1986). A time in the
 * repeated 01:00-02:00 hour of the autumn change reads as daylight time (EDGAR does not accept filings then);
 * years before 1987 read as standard time (electronic filing on EDGAR began in 1993).
 */
export function easternToEpochMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const [start, end] = daylightPeriod(year);
  const daylight = start !== null && end !== null && wall >= start && wall < end;
  return wall + (daylight ? 4 : 5) * HOUR_MS;
}

/** Start and end of daylight time in `year`, both as 02:00 local wall time read as if it were UTC. */
function daylightPeriod(year: number): [number | null, number | null] {
  if (year >= 2007) return [nthSunday(year, 3, 2), nthSunday(year, 11, 1)];
  if (year >= 1987) return [nthSunday(year, 4, 1), lastSunday(year, 10)];
  return [null, null];
}

function nthSunday(year: number, month: number, n: number): number {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const day = 1 + ((7 - first) % 7) + (n - 1) * 7;
  return Date.UTC(year, month - 1, day, 2);
}

function lastSunday(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0));
  return Date.UTC(year, month - 1, lastDay.getUTCDate() - lastDay.getUTCDay(), 2);
}

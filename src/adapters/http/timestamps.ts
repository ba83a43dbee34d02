const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*([Zz]|[+-]\d{2}:?\d{2})$/;

/**
 * Epoch ms of an RFC 3339 / ISO 8601 timestamp with a zone (`2024-03-05T14:30:00Z`,
 * `2024-03-05T09:30:00.25-05:00`; seconds optional, as NewsAPI and some feeds omit them), or null when the
 * text is not one or names an impossible date. A time without a zone is refused: guessing one would move
 * the article by hours.
 */
export function parseRfc3339(text: string): number | null {
  const match = RFC3339.exec(text.trim());
  if (match === null) return null;
  const [, year, month, day, hour, minute, second = '0', fraction = '0', zone = 'Z'] = match;
  const wall = utcFromParts(
    +(year as string),
    +(month as string),
    +(day as string),
    +(hour as string),
    +(minute as string),
    +second,
  );
  if (wall === null) return null;
  const ms = Math.floor(Number(`0.${fraction}`) * 1000);
  return wall + ms - zoneOffsetMs(zone);
}

/** Offset east of UTC, in ms, of `Z`, `+05:30`, `-0500`. */
export function zoneOffsetMs(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * 60_000;
}

/** Date.UTC of the parts, or null when a part is out of range (Feb 30, hour 25). */
export function utcFromParts(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number | null {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59));
  if (new Date(ms).getUTCDate() !== day) return null;
  return ms;
}

/** `YYYY-MM-DD` of the UTC day holding `ms`. */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Epoch ms of a wall-clock time in an IANA time zone (`America/New_York`), through the platform's time-zone
 * data: the zone's offset is read at the naive UTC reading, then again at the corrected instant, which
 * settles it on either side of a daylight-saving change. A wall time in the hour skipped in spring does not
 * exist; it comes out an hour later (02:30 -> 03:30 daylight time), never earlier. A time in the hour
 * repeated in autumn reads as its first (daylight-time) occurrence.
 */
export function zonedWallTimeToEpochMs(wallAsUtc: number, timeZone: string): number {
  if (timeZone === 'UTC') return wallAsUtc;
  const first = wallAsUtc - offsetAt(wallAsUtc, timeZone);
  const second = wallAsUtc - offsetAt(first, timeZone);
  return epochMsToZonedWallTime(second, timeZone) === wallAsUtc ? second : Math.max(first, second);
}

/** The wall-clock time in `timeZone` at instant `ms`, expressed as if that wall time were UTC. */
export function epochMsToZonedWallTime(ms: number, timeZone: string): number {
  return timeZone === 'UTC' ? ms : ms + offsetAt(ms, timeZone);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of `timeZone` from UTC at instant `ms`, in ms (New York in winter: -5 h). */
function offsetAt(ms: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(ms)) parts[part.type] = Number(part.value);
  const wall = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

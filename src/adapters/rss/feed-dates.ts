import { parseRfc3339, utcFromParts } from '../http/timestamps.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** RFC 822 zone names (hours east of UTC). Military letters other than Z mean "unknown" (RFC 2822 §4.3): UTC. */
const ZONES: Readonly<Record<string, number>> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -5,
  EDT: -4,
  CST: -6,
  CDT: -5,
  MST: -7,
  MDT: -6,
  PST: -8,
  PDT: -7,
};

const RFC822 =
  /^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4}|\d{2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([A-Za-z]{1,5})|([+-])(\d{2}):?(\d{2}))$/;

/**
 * Epoch ms of an RFC 822 / RFC 2822 date as RSS 2.0 writes pubDate (`Tue, 05 Mar 2024 14:30:00 GMT`,
 * `5 Mar 24 09:30 -0500`, `Tue, 05 Mar 2024 09:30:00 EST`), or null. The day name is optional and not
 * checked; seconds are optional; two-digit years follow RFC 2822 (00-49 -> 20xx, 50-99 -> 19xx); a full
 * month name is accepted. A date without a zone is refused rather than guessed.
 */
export function parseRfc822(text: string): number | null {
  const match = RFC822.exec(text.trim());
  if (match === null) return null;
  const [, day, monthName, yearText, hour, minute, second = '0', zoneName, sign, zoneHours, zoneMinutes] =
    match;
  const month = MONTHS.indexOf((monthName as string).slice(0, 3).toLowerCase()) + 1;
  if (month === 0) return null;
  let year = Number(yearText);
  if ((yearText as string).length === 2) year += year < 50 ? 2000 : 1900;
  const wall = utcFromParts(year, month, Number(day), Number(hour), Number(minute), Number(second));
  if (wall === null) return null;
  let offsetMinutes: number;
  if (zoneName !== undefined) {
    const name = zoneName.toUpperCase();
    const hours = ZONES[name] ?? (/^[A-IK-Y]$/.test(name) ? 0 : undefined);
    if (hours === undefined) return null;
    offsetMinutes = hours * 60;
  } else {
    offsetMinutes = (sign === '-' ? -1 : 1) * (Number(zoneHours) * 60 + Number(zoneMinutes));
  }
  return wall - offsetMinutes * 60_000;
}

/** A feed date in either form: RFC 822 (RSS pubDate) or RFC 3339 (Atom, Dublin Core dc:date). */
export function parseFeedDate(text: string): number | null {
  return parseRfc822(text) ?? parseRfc3339(text);
}

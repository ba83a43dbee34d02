import type { BarSeries } from '../../../data/bar-series.js';
import { timeframeMs } from '../../../model/timeframe.js';

const DAY = 86_400_000;
/** Sessions of daily data, which carries no intraday times: 14:30-21:00 UTC, the synthetic generator's. */
const DAILY_SESSION_OPEN = (14 * 60 + 30) * 60_000;
const DAILY_SESSION_CLOSE = 21 * 3_600_000;

export interface Session {
  /** UTC date, YYYY-MM-DD. */
  readonly date: string;
  readonly open: number;
  readonly close: number;
}

/**
 * The market calendar of a replay, read from its data: one session per UTC day that has bars, from the
 * first bar's open to the last bar's close (daily bars: 14:30-21:00 UTC). Past the data, sessions continue on
 * weekdays at the last session's times, so the clock always has a next open and close.
 */
export class MarketCalendar {
  private readonly sessions: readonly Session[];

  constructor(series: readonly BarSeries[]) {
    const byDay = new Map<number, { open: number; close: number }>();
    for (const s of series) {
      const width = timeframeMs(s.timeframe);
      for (let i = 0; i < s.length; i++) {
        const ts = s.ts[i] as number;
        const day = Math.floor(ts / DAY) * DAY;
        const open = width >= DAY ? day + DAILY_SESSION_OPEN : ts;
        const close = width >= DAY ? day + DAILY_SESSION_CLOSE : ts + width;
        const known = byDay.get(day);
        byDay.set(
          day,
          known === undefined
            ? { open, close }
            : { open: Math.min(known.open, open), close: Math.max(known.close, close) },
        );
      }
    }
    this.sessions = [...byDay.entries()]
      .sort(([a], [b]) => a - b)
      .map(([day, { open, close }]) => ({ date: new Date(day).toISOString().slice(0, 10), open, close }));
  }

  /** Sessions whose date lies in [from, to] (YYYY-MM-DD, inclusive; either bound optional). */
  between(from?: string, to?: string): readonly Session[] {
    return this.sessions.filter(
      (s) => (from === undefined || s.date >= from) && (to === undefined || s.date <= to),
    );
  }

  /** Alpaca's clock at `now`: whether a session is open, and the next open and close. */
  clock(now: number): { isOpen: boolean; nextOpen: number; nextClose: number } {
    const current = this.sessions.find((s) => s.open <= now && now < s.close);
    const next = this.sessions.find((s) => s.open > now) ?? this.extrapolate(now);
    return { isOpen: current !== undefined, nextOpen: next.open, nextClose: (current ?? next).close };
  }

  /** The first weekday session after `now` at the last known session's times. */
  private extrapolate(now: number): Session {
    const last = this.sessions.at(-1);
    const openOffset = last === undefined ? DAILY_SESSION_OPEN : last.open % DAY;
    const closeOffset = last === undefined ? DAILY_SESSION_CLOSE : last.close - (last.open - openOffset);
    let day = Math.floor(now / DAY) * DAY;
    for (;;) {
      const weekday = new Date(day).getUTCDay();
      if (weekday !== 0 && weekday !== 6 && day + openOffset > now) {
        return {
          date: new Date(day).toISOString().slice(0, 10),
          open: day + openOffset,
          close: day + closeOffset,
        };
      }
      day += DAY;
    }
  }
}

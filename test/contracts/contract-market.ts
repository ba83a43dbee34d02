import { BarSeries } from '../../src/data/bar-series.js';
import { createInstrument, type Instrument } from '../../src/model/instrument.js';

/**
 * The market every contract suite runs on: minute bars of ACME and BETA, 30 bars of history before the
 * replay starts (ACME's last close is exactly 100.00) and 40 bars to replay. ACME's first four replayed bars
 * are written out so the suites can work fills out by hand with the exchange's intrabar path (open, nearer
 * extreme, farther extreme, close):
 *   b1 100.00 / 101.00 / 99.50 / 100.50  path 100 -> 99.5 -> 101 -> 100.5   (low nearer)
 *   b2 100.50 / 102.00 / 100.00 / 101.50 path 100.5 -> 100 -> 102 -> 101.5 (low nearer)
 *   b3 101.50 / 101.80 / 98.00 / 98.50   path 101.5 -> 101.8 -> 98 -> 98.5  (high nearer)
 *   b4 98.50 / 99.00 / 97.00 / 97.50     path 98.5 -> 99 -> 97 -> 97.5      (high nearer)
 * Later bars stay within [96, 100] (nothing below 95 ever trades), so an order resting at 90 never fills.
 */
export const MINUTE = 60_000;
export const HISTORY_START = Date.UTC(2024, 2, 4, 14, 30);
export const HISTORY_BARS = 30;
export const REPLAY_START = HISTORY_START + HISTORY_BARS * MINUTE;
export const REPLAY_BARS = 40;
export const STARTING_CASH = 100_000;
export const ACME_LAST_CLOSE = 100;

interface Ohlcv {
  readonly tsEvent: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

const ACME_REPLAY: readonly (readonly [number, number, number, number])[] = [
  [100, 101, 99.5, 100.5],
  [100.5, 102, 100, 101.5],
  [101.5, 101.8, 98, 98.5],
  [98.5, 99, 97, 97.5],
];

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function acmeBars(): Ohlcv[] {
  const bars: Ohlcv[] = [];
  for (let i = 0; i < HISTORY_BARS; i++) {
    // History climbs from 94.20 to 100.00 in 0.20 steps.
    const close = round(ACME_LAST_CLOSE - (HISTORY_BARS - 1 - i) * 0.2);
    const open = round(close - 0.2);
    bars.push({
      tsEvent: HISTORY_START + i * MINUTE,
      open,
      high: close + 0.05,
      low: open - 0.05,
      close,
      volume: 1_000 + i,
    });
  }
  for (let i = 0; i < REPLAY_BARS; i++) {
    const tsEvent = REPLAY_START + i * MINUTE;
    const hand = ACME_REPLAY[i];
    if (hand !== undefined) {
      const [open, high, low, close] = hand;
      bars.push({ tsEvent, open, high, low, close, volume: 5_000 });
      continue;
    }
    // Filler: a gentle oscillation around 98 inside [96.5, 99.5].
    const close = round(98 + 1.2 * Math.sin(i / 3));
    const open = round(98 + 1.2 * Math.sin((i - 1) / 3));
    bars.push({
      tsEvent,
      open,
      high: round(Math.max(open, close) + 0.2),
      low: round(Math.min(open, close) - 0.2),
      close,
      volume: 5_000,
    });
  }
  return bars;
}

function betaBars(): Ohlcv[] {
  const bars: Ohlcv[] = [];
  for (let i = 0; i < HISTORY_BARS + REPLAY_BARS; i++) {
    const close = round(50 + 0.5 * Math.cos(i / 4));
    const open = round(50 + 0.5 * Math.cos((i - 1) / 4));
    bars.push({
      tsEvent: HISTORY_START + i * MINUTE,
      open,
      high: round(Math.max(open, close) + 0.1),
      low: round(Math.min(open, close) - 0.1),
      close,
      volume: 2_000,
    });
  }
  return bars;
}

export function contractSeries(): BarSeries[] {
  return [BarSeries.fromBars('ACME', '1m', acmeBars()), BarSeries.fromBars('BETA', '1m', betaBars())];
}

export function contractInstruments(): Instrument[] {
  return [
    createInstrument({ symbol: 'ACME', name: 'Acme Corp' }),
    createInstrument({ symbol: 'BETA', name: 'Beta Inc' }),
  ];
}

/** Polls `check` (awaiting it) until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 3_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

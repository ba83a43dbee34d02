import { PaperBroker } from '../adapters/paper/paper-broker.js';
import { BarSeries } from '../data/bar-series.js';
import { createInstrument } from '../model/instrument.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/open-sqlite-store.js';

/**
 * A small market for the live layer's tests: minute bars of ACME (closes 100, 100.5, 101, ... rising 0.5 a
 * bar, so a market order sent after bar k fills at that bar's close) and BETA (flat at 50); 5 bars of
 * history before the replay, 40 to replay.
 */
export const MINUTE = 60_000;
export const START = Date.UTC(2024, 2, 4, 14, 30);
export const HISTORY_BARS = 5;
export const REPLAY_START = START + HISTORY_BARS * MINUTE;

export function acmeClose(index: number): number {
  return 100 + index * 0.5;
}

export function liveSeries(): BarSeries[] {
  const acme = [];
  const beta = [];
  for (let i = 0; i < HISTORY_BARS + 40; i++) {
    const close = acmeClose(i);
    acme.push({
      tsEvent: START + i * MINUTE,
      open: close - 0.25,
      high: close + 0.25,
      low: close - 0.5,
      close,
      volume: 10_000,
    });
    beta.push({ tsEvent: START + i * MINUTE, open: 50, high: 50.1, low: 49.9, close: 50, volume: 10_000 });
  }
  return [BarSeries.fromBars('ACME', '1m', acme), BarSeries.fromBars('BETA', '1m', beta)];
}

export function livePaperBroker(newId?: () => string): PaperBroker {
  return new PaperBroker({
    series: liveSeries(),
    instruments: [
      createInstrument({ symbol: 'ACME', name: 'Acme' }),
      createInstrument({ symbol: 'BETA', name: 'Beta' }),
    ],
    startingCash: 100_000,
    startAt: REPLAY_START,
    speed: Infinity,
    ...(newId === undefined ? {} : { newId }),
  });
}

export function memoryStore(): SqliteStore {
  return openSqliteStore({ path: ':memory:' });
}

/** Polls until `check` returns something other than undefined. */
export async function eventually<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 3_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

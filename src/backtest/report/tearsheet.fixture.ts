import { SeededRng } from '../../core/rng.js';
import { instrumentId } from '../../core/ids.js';
import type { EquityCurve, TradeRecord } from '../backtest.types.js';
import type { TearsheetInput } from './tearsheet.types.js';
import { utcEpochMs } from './utc-date.js';

const DAY_MS = 86_400_000;

/** Weekday timestamps (UTC midnight) from `start`, `count` of them. */
export function weekdays(start: number, count: number): Float64Array {
  const ts = new Float64Array(count);
  let t = start;
  for (let i = 0; i < count; i++) {
    while (new Date(t).getUTCDay() % 6 === 0) t += DAY_MS; // skip Saturday (6) and Sunday (0)
    ts[i] = t;
    t += DAY_MS;
  }
  return ts;
}

/**
 * A deterministic sample backtest: a random-walk price, a strategy that alternates long and short trades
 * every `holdBars` bars, its equity curve, a buy-and-hold benchmark and formatted metrics.
 */
export function sampleTearsheetInput(bars: number, holdBars = 20, seed = 7): TearsheetInput {
  const rng = new SeededRng(seed);
  const ts = weekdays(utcEpochMs(2015, 1, 2), bars);
  const close = new Float64Array(bars);
  let price = 100;
  for (let i = 0; i < bars; i++) {
    price *= 1 + 0.0004 + 0.012 * rng.normal();
    close[i] = price;
  }
  const cash0 = 1_000_000;
  const equity = new Float64Array(bars);
  const cash = new Float64Array(bars);
  const grossExposure = new Float64Array(bars);
  const benchmark = new Float64Array(bars);
  const trades: TradeRecord[] = [];
  const symbol = instrumentId('ACME');
  let value = cash0;
  let position = 0;
  let entryIndex = 0;
  for (let i = 0; i < bars; i++) {
    const c = close[i] as number;
    if (i > 0) value += position * (c - (close[i - 1] as number));
    benchmark[i] = (cash0 * c) / (close[0] as number);
    const tradeNumber = Math.floor(i / holdBars);
    if (i % holdBars === 0 || i === bars - 1) {
      if (position !== 0) {
        const quantity = Math.abs(position);
        const long = position > 0;
        const entryPrice = close[entryIndex] as number;
        const pnl = (c - entryPrice) * quantity * (long ? 1 : -1) - 2;
        value -= 2;
        trades.push({
          instrumentId: symbol,
          direction: long ? 'long' : 'short',
          quantity,
          entryTs: ts[entryIndex] as number,
          entryPrice,
          exitTs: ts[i] as number,
          exitPrice: c,
          pnl,
          fees: 2,
          slippage: 0,
          returnPct: pnl / (entryPrice * quantity),
          barsHeld: i - entryIndex,
          open: i === bars - 1,
        });
        position = 0;
      }
      if (i < bars - 1) {
        const quantity = Math.floor((value * 0.9) / c);
        position = tradeNumber % 3 === 2 ? -quantity : quantity;
        entryIndex = i;
      }
    }
    equity[i] = value;
    grossExposure[i] = Math.abs(position * c);
    cash[i] = value - position * c;
  }
  const curve: EquityCurve = { ts, equity, cash, grossExposure };
  return {
    title: 'sma-cross on ACME',
    subtitle: 'Sample backtest · fills at next open · $1 per order',
    generatedAt: '2025-01-15T12:00:00.000Z',
    equity: curve,
    benchmark: { name: 'Buy & hold ACME', equity: benchmark },
    price: { symbol: 'ACME', ts, close },
    trades,
    metrics: [
      { label: 'Total return', value: `${(((equity[bars - 1] as number) / cash0 - 1) * 100).toFixed(2)}%` },
      { label: 'Trades', value: String(trades.length) },
      { label: 'Sharpe (arithmetic)', value: '0.84' },
      { label: 'Max drawdown', value: '-18.30%' },
    ],
    warnings: ["Fills at the decision bar's close are look-ahead-prone", '3 ambiguous bars'],
  };
}

/** A closed long trade on ACME with round numbers; override any field. */
export function makeTrade(overrides: Partial<TradeRecord> = {}): TradeRecord {
  return {
    instrumentId: instrumentId('ACME'),
    direction: 'long',
    quantity: 100,
    entryTs: Date.UTC(2020, 0, 2),
    entryPrice: 10,
    exitTs: Date.UTC(2020, 0, 10),
    exitPrice: 12,
    pnl: 198,
    fees: 2,
    slippage: 0.5,
    returnPct: 0.198,
    barsHeld: 6,
    open: false,
    ...overrides,
  };
}

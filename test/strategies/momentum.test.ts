import { describe, expect, it } from 'vitest';
import { runBacktestEngine } from '../../src/backtest/backtest-engine.js';
import { noFees } from '../../src/backtest/exchange/fees.js';
import { noSlippage } from '../../src/backtest/exchange/slippage.js';
import { BarSeries } from '../../src/data/bar-series.js';
import { generateDefaultMarket } from '../../src/data/synthetic/index.js';
import type { Fill } from '../../src/model/order.types.js';
import { momentumDefinition } from '../../src/strategies/momentum/definition.js';
import { expectDeterministic, expectNoLookAhead, runStrategy } from '../helpers/strategy-checks.js';

const DAY = 86_400_000;
const START = Date.UTC(2020, 0, 6);

/** Daily bars from closes: open = previous close (or `opens`), high / low `range` around the open-close span. */
function series(
  symbol: string,
  closes: readonly number[],
  range = 0.005,
  opens?: readonly number[],
): BarSeries {
  return BarSeries.fromBars(
    symbol,
    '1d',
    closes.map((close, i) => {
      const open = opens?.[i] ?? closes[i - 1] ?? close;
      return {
        tsEvent: START + i * DAY,
        open,
        high: Math.max(open, close) * (1 + range),
        low: Math.min(open, close) * (1 - range),
        close,
        volume: 1_000_000,
      };
    }),
  );
}

/** Geometric trend with a ±0.2% zigzag: close_i = 100 · g^i · (1 ± 0.002). */
const trend = (n: number, growth: number): number[] =>
  Array.from({ length: n }, (_, i) => 100 * growth ** i * (1 + (i % 2 === 0 ? 0.002 : -0.002)));

/** Net position per symbol from the fills. */
function positions(fills: readonly Fill[]): Record<string, number> {
  const net: Record<string, number> = {};
  for (const f of fills)
    net[f.instrumentId] = (net[f.instrumentId] ?? 0) + (f.side === 'buy' ? f.quantity : -f.quantity);
  return net;
}

const create = (params: Record<string, unknown>, symbols: readonly string[]) =>
  momentumDefinition.create(params, { symbols, timeframe: '1d' });

describe('momentum scenarios (engine, next-open fills)', () => {
  it('is long on a pure uptrend and stays long', () => {
    const data = [series('UP', trend(400, 1.004))];
    const result = runStrategy(() => create({}, ['UP']), data);
    // Ready at bar 252 (lookback 252 + 1 closes); bought at the next open, never sold.
    expect(result.fills.length).toBeGreaterThan(0);
    expect(result.fills[0]).toMatchObject({ side: 'buy', tsEvent: data[0]!.ts[253] });
    expect(result.fills.every((f) => f.side === 'buy')).toBe(true);
    expect(positions(result.fills)['UP']).toBeGreaterThan(0);
  });

  it('stays flat on a downtrend when long-only and is short when shorts are allowed', () => {
    const data = [series('DOWN', trend(400, 0.996))];
    expect(runStrategy(() => create({}, ['DOWN']), data).fills).toEqual([]);
    const short = runStrategy(() => create({ allowShort: true }, ['DOWN']), data);
    expect(short.fills[0]).toMatchObject({ side: 'sell' });
    expect(positions(short.fills)['DOWN']).toBeLessThan(0);
  });

  it('keeps out of a choppy market through the ADX gate', () => {
    // ±3% zigzag around a gentle rise, each bar opening at its close: highs and lows alternate, so +DM and -DM
    // alternate and ADX stays low, while momentum and the trend filter say long half the time.
    const closes = Array.from({ length: 400 }, (_, i) => 100 * (1 + 0.001 * i) * (i % 2 === 0 ? 1.03 : 0.97));
    const data = [series('CHOP', closes, 0.002, closes)];
    expect(runStrategy(() => create({}, ['CHOP']), data).fills).toEqual([]);
    expect(runStrategy(() => create({ adxThreshold: 0 }, ['CHOP']), data).fills.length).toBeGreaterThan(0);
  });

  it('exits through the trailing stop when the price gaps down, filling at the gapped open', () => {
    // 300 bars of uptrend, then a 12% gap down at the open of bar 300. The trend filter is off and the
    // 252-bar momentum stays positive, so only the stop (3 × ATR ≈ 3 × 1.4% of the price) can exit.
    const closes = trend(330, 1.004);
    const opens = closes.map((c, i) => (i === 0 ? c : (closes[i - 1] as number)));
    for (let i = 300; i < 330; i++) closes[i] = (closes[i] as number) * 0.88;
    opens[300] = closes[300] as number;
    for (let i = 301; i < 330; i++) opens[i] = closes[i - 1] as number;
    const data = [series('GAP', closes, 0.005, opens)];
    const logs: string[] = [];
    const result = runBacktestEngine({
      series: data,
      strategy: create({ trendPeriod: 0, cooldownBars: 100 }, ['GAP']),
      startingCash: 1_000_000,
      exchange: { fillTiming: 'next-open', fees: noFees, slippage: noSlippage },
      onLog: (message) => logs.push(message),
    });
    const sell = result.fills.find((f) => f.side === 'sell');
    expect(sell).toMatchObject({ tsEvent: data[0]!.ts[300], price: opens[300] });
    expect(logs).toContain('trailing stop exit');
    expect(positions(result.fills)['GAP'] ?? 0).toBe(0);
  });

  it('holds the known top N of a universe in cross-sectional mode', () => {
    const growth: Record<string, number> = { A: 1.001, B: 1.004, C: 1.0035, D: 1.002, E: 1.0005, F: 1.003 };
    const data = Object.entries(growth).map(([symbol, g]) => series(symbol, trend(320, g)));
    const symbols = Object.keys(growth);
    const result = runStrategy(() => create({ mode: 'cross-sectional', topN: 2 }, symbols), data);
    const held = Object.entries(positions(result.fills))
      .filter(([, q]) => q > 0)
      .map(([s]) => s)
      .sort();
    expect(held).toEqual(['B', 'C']); // the two fastest risers
  });

  it('shorts the bottom N beside the top N when shorts are allowed', () => {
    const growth: Record<string, number> = { A: 1.003, B: 0.996, C: 1.0035, D: 0.997, E: 1.0, F: 1.001 };
    const data = Object.entries(growth).map(([symbol, g]) => series(symbol, trend(320, g)));
    const result = runStrategy(
      () =>
        create(
          { mode: 'cross-sectional', topN: 2, allowShort: true, weighting: 'inverse-volatility' },
          Object.keys(growth),
        ),
      data,
    );
    const net = positions(result.fills);
    expect(
      Object.keys(net)
        .filter((s) => (net[s] ?? 0) > 0)
        .sort(),
    ).toEqual(['A', 'C']);
    expect(
      Object.keys(net)
        .filter((s) => (net[s] ?? 0) < 0)
        .sort(),
    ).toEqual(['B', 'D']);
  });
});

describe('momentumDefinition', () => {
  it('takes the symbols and timeframe from the data and names an invalid parameter with its value', () => {
    const strategy = create({}, ['SPY', 'QQQ']);
    expect(strategy.name).toBe('momentum');
    expect(() => create({ skip: 300 }, ['SPY'])).toThrow(
      'momentum parameter skip "300": skip must be shorter than lookback',
    );
    expect(() => create({ mode: 'cross-sectional', topN: 2 }, ['SPY', 'QQQ'])).toThrow(/parameter topN/);
    expect(momentumDefinition.parametersJsonSchema()).toMatchObject({
      type: 'object',
      properties: { lookback: { default: 252 }, skip: { default: 21 } },
    });
  });
});

describe('momentum on the synthetic default universe', () => {
  const market = generateDefaultMarket({ days: 600 });
  const all = [...market.series.values()];
  const symbols = all.map((s) => s.symbol);
  const spy = market.series.get('SPY');
  if (spy === undefined) throw new Error('the default universe has SPY');
  const cuts = [spy.ts[300] as number, spy.ts[420] as number, spy.ts[540] as number];

  it('gives the same fills on every run, in both modes', () => {
    const timeSeries = expectDeterministic(() => create({ allowShort: true }, symbols), all);
    expect(timeSeries.fills.length).toBeGreaterThan(0);
    const cross = expectDeterministic(
      () => create({ mode: 'cross-sectional', allowShort: true }, symbols),
      all,
    );
    expect(cross.fills.length).toBeGreaterThan(0);
  });

  it('never reverses a position in one fill, even with partial fills and same-bar fills', () => {
    // A tight participation cap splits orders over many bars; the stop must never add to an exit order.
    for (const fillTiming of ['next-open', 'close'] as const) {
      const result = runStrategy(() => create({ allowShort: true }, symbols), all, {
        exchange: { fillTiming, maxParticipation: 1e-5 },
      });
      const net: Record<string, number> = {};
      for (const f of result.fills) {
        const before = net[f.instrumentId] ?? 0;
        const after = before + (f.side === 'buy' ? f.quantity : -f.quantity);
        if (Math.abs(before) > 1e-9 && Math.abs(after) > 1e-9)
          expect(Math.sign(after)).toBe(Math.sign(before));
        net[f.instrumentId] = after;
      }
      expect(result.fills.length).toBeGreaterThan(100);
    }
  });

  it('makes the same decisions when the future is cut off (time-series mode)', () => {
    expectNoLookAhead(() => create({ allowShort: true }, symbols), all, cuts);
  });

  it('makes the same decisions when the future is cut off (cross-sectional mode)', () => {
    expectNoLookAhead(
      () => create({ mode: 'cross-sectional', weighting: 'volatility-target' }, symbols),
      all,
      cuts,
    );
  });
});

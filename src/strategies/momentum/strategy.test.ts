import { describe, expect, it } from 'vitest';
import { atr } from '../../indicators/atr.js';
import type { OrderRejected } from '../../model/events.types.js';
import type { BarView } from '../strategy.js';
import { momentumConfigSchema } from './config.js';
import { dailyBar, RecordingContext, SMALL_PERIODS, trendBars } from './recording-context.fixture.js';
import { MomentumStrategy } from './strategy.js';

const BASE = { ...SMALL_PERIODS, atrMultiple: 2, cooldownBars: 2, rebalanceEvery: 5 };

function setup(params: Record<string, unknown> = {}) {
  const strategy = new MomentumStrategy(momentumConfigSchema.parse({ ...BASE, ...params }));
  const context = new RecordingContext();
  context.start(strategy);
  return { strategy, context };
}

const uptrend = trendBars;

/** Sample standard deviation, written out. */
function sampleStd(xs: readonly number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
}

function play(context: RecordingContext, strategy: MomentumStrategy, bars: readonly BarView[]): void {
  for (const bar of bars) context.bar(strategy, bar);
}

describe('momentum (time-series mode)', () => {
  it('subscribes to its symbols and logs its configuration on start', () => {
    const { context } = setup({ symbols: ['SPY', 'QQQ'] });
    expect(context.subscriptions).toEqual(['SPY:1d', 'QQQ:1d']);
    expect(context.logs[0]?.message).toBe('momentum started');
    expect(context.logs[0]?.fields).toMatchObject({ mode: 'time-series', symbols: 2, lookback: 10, skip: 2 });
  });

  it('buys on a pure uptrend as soon as its signals are ready, sized to the volatility target', () => {
    const { strategy, context } = setup();
    const bars = uptrend(11);
    play(context, strategy, bars.slice(0, 10));
    expect(context.requests).toEqual([]);
    play(context, strategy, bars.slice(10));
    // Budget 100,000 × min(0.15 / σ_annual, 1), σ the sample sd of the last 5 log returns × √252.
    const closes = bars.map((b) => b.close);
    const returns = closes
      .slice(-6)
      .map((c, k, a) => (k === 0 ? 0 : Math.log(c / (a[k - 1] as number))))
      .slice(1);
    const annual = sampleStd(returns) * Math.sqrt(252);
    const expected = Math.floor((100_000 * Math.min(0.15 / annual, 1)) / (closes[10] as number));
    expect(expected).toBeGreaterThan(0);
    expect(context.requests).toEqual([
      { symbol: 'SPY', side: 'buy', type: 'market', quantity: expected, timeInForce: 'gtc' },
    ]);
  });

  it('sends no second order while the first is working', () => {
    const { strategy, context } = setup();
    play(context, strategy, uptrend(20));
    expect(context.requests).toHaveLength(1);
  });

  it('protects a filled entry with a trailing stop at k × ATR and replaces it when the ATR moves', () => {
    const { strategy, context } = setup();
    const bars = uptrend(11);
    play(context, strategy, bars);
    context.fillMarketOrders({ SPY: 120 });
    const held = context.position('SPY')?.quantity ?? 0;
    const next = uptrend(1, 'SPY', 1.01, 11);
    play(context, strategy, next);
    const all = [...bars, ...next];
    const reference = atr(
      Float64Array.from(all, (b) => b.high),
      Float64Array.from(all, (b) => b.low),
      Float64Array.from(all, (b) => b.close),
      3,
    );
    const stop = context.working('trailing_stop')[0];
    expect(stop).toMatchObject({ side: 'sell', quantity: held, timeInForce: 'gtc' });
    expect(stop?.trailPrice).toBeCloseTo(2 * (reference[11] as number), 12);
    // A wide bar lifts the ATR by far more than 10%: the trail is replaced, same order id.
    const close = next[0]!.close * 1.01;
    context.bar(strategy, dailyBar('SPY', 12, close, close * 1.08, close * 0.95));
    expect(context.replaced).toHaveLength(1);
    expect(context.replaced[0]?.order.id).toBe(stop?.id);
    expect(context.replaced[0]?.changes.trailPrice).toBeGreaterThan(stop?.trailPrice ?? Infinity);
  });

  it('exits when the close falls below the trend SMA, canceling the stop first', () => {
    const { strategy, context } = setup();
    play(context, strategy, uptrend(11));
    context.fillMarketOrders({ SPY: 110 });
    play(context, strategy, uptrend(2, 'SPY', 1.01, 11));
    const stop = context.working('trailing_stop')[0];
    expect(stop).toBeDefined();
    // A close far below the 5-bar SMA breaks the trend filter.
    context.bar(strategy, dailyBar('SPY', 13, 80, 100, 79));
    const held = context.position('SPY')?.quantity ?? 0;
    expect(context.canceled.map((o) => o.id)).toEqual([stop?.id]);
    expect(context.requests.at(-1)).toEqual({
      symbol: 'SPY',
      side: 'sell',
      type: 'market',
      quantity: held,
      timeInForce: 'gtc',
    });
  });

  it('waits out the cooldown after a trailing-stop exit before entering again', () => {
    const { strategy, context } = setup({ cooldownBars: 3 });
    play(context, strategy, uptrend(11));
    context.fillMarketOrders({ SPY: 110 });
    play(context, strategy, uptrend(1, 'SPY', 1.01, 11));
    const stop = context.working('trailing_stop')[0];
    if (stop === undefined) throw new Error('expected a working stop');
    context.fill(stop, 105); // the venue triggered the stop during bar 12
    expect(context.position('SPY')).toBeNull();
    expect(context.logs.at(-1)?.message).toBe('trailing stop exit');
    const requestsAfterStop = context.requests.length;
    play(context, strategy, uptrend(3, 'SPY', 1.01, 12)); // bars 12, 13, 14: within 3 bars of the exit
    expect(context.requests).toHaveLength(requestsAfterStop);
    play(context, strategy, uptrend(1, 'SPY', 1.01, 15)); // 4 bars after: the trend still holds, re-enter
    expect(context.requests.at(-1)).toMatchObject({ side: 'buy', type: 'market' });
  });

  it('stays out of a choppy market while ADX is below the gate, and trades it without the gate', () => {
    // ±3% zigzag around a slow drift: +DM and -DM alternate, so DX and ADX stay low, yet momentum is positive
    // and half the closes are above their SMA.
    const choppy = Array.from({ length: 60 }, (_, i) => {
      const close = 100 * (1 + 0.004 * i) * (i % 2 === 0 ? 1.03 : 0.97);
      return dailyBar('SPY', i, close, close * 1.005, close * 0.995);
    });
    const gated = setup({ adxThreshold: 25 });
    play(gated.context, gated.strategy, choppy);
    expect(gated.context.requests).toEqual([]);
    const ungated = setup({ adxThreshold: 0 });
    play(ungated.context, ungated.strategy, choppy);
    expect(ungated.context.requests[0]).toMatchObject({ side: 'buy' });
  });

  it('stays flat in a downtrend when long-only and sells short when shorts are allowed', () => {
    const down = uptrend(12, 'SPY', 0.99);
    const longOnly = setup();
    play(longOnly.context, longOnly.strategy, down);
    expect(longOnly.context.requests).toEqual([]);
    const both = setup({ allowShort: true });
    play(both.context, both.strategy, down);
    expect(both.context.requests[0]).toMatchObject({ side: 'sell', type: 'market' });
    both.context.fillMarketOrders({ SPY: 90 });
    play(both.context, both.strategy, uptrend(1, 'SPY', 0.99, 12));
    expect(both.context.working('trailing_stop')[0]).toMatchObject({ side: 'buy' });
  });

  it('re-sizes on rebalance bars when the target moved by more than the band', () => {
    const { strategy, context } = setup({ fractional: true });
    play(context, strategy, uptrend(11));
    const first = context.requests[0]?.quantity ?? 0;
    context.fillMarketOrders({ SPY: 110 });
    context.equity = 300_000; // the budget triples: the target leaves the 20% band
    play(context, strategy, uptrend(4, 'SPY', 1.01, 11)); // bars 11 .. 14: the 15th bar is a rebalance bar
    const resize = context.requests.find((r, k) => k > 0 && r.type === 'market');
    expect(resize).toMatchObject({ side: 'buy' });
    expect(resize?.quantity).toBeGreaterThan(first);
  });

  it('uses a fixed quantity when given and never re-sizes it', () => {
    const { strategy, context } = setup({ quantity: 7 });
    play(context, strategy, uptrend(11));
    expect(context.requests[0]?.quantity).toBe(7);
    context.fillMarketOrders({ SPY: 110 });
    context.equity = 1_000_000;
    play(context, strategy, uptrend(10, 'SPY', 1.01, 11));
    expect(context.requests.filter((r) => r.type === 'market')).toHaveLength(1);
  });

  it('tries again after an order is refused, and ignores other symbols', () => {
    const { strategy, context } = setup();
    play(context, strategy, uptrend(11));
    const order = context.working('market')[0];
    if (order === undefined) throw new Error('expected an entry');
    const rejected: OrderRejected = {
      type: 'OrderRejected',
      orderId: order.id,
      clientOrderId: order.clientOrderId,
      instrumentId: order.instrumentId,
      strategyId: null,
      accountId: null,
      reason: 'insufficient buying power',
      tsEvent: 0,
      tsInit: 0,
    };
    strategy.onOrderRejected(rejected);
    expect(context.logs.at(-1)?.message).toBe('order refused');
    play(context, strategy, uptrend(1, 'SPY', 1.01, 11));
    expect(context.requests).toHaveLength(2);
    context.bar(strategy, dailyBar('QQQ', 12, 1, 1, 1));
    expect(context.requests).toHaveLength(2);
  });
});

describe('momentum (cross-sectional mode)', () => {
  const CROSS = { mode: 'cross-sectional', topN: 2, adxThreshold: 0, rebalanceEvery: 5 };
  const growth: Record<string, number> = { AAA: 1.004, BBB: 1.012, CCC: 1.008, DDD: 1.002, EEE: 1.01 };
  const symbols = Object.keys(growth);

  function section(context: RecordingContext, strategy: MomentumStrategy, i: number, skip = ''): void {
    for (const symbol of symbols) {
      if (symbol === skip) continue;
      context.bar(strategy, uptrend(1, symbol, growth[symbol], i)[0] as BarView);
    }
  }

  it('buys the top N of the ranking once every symbol of the timestamp is in', () => {
    const { strategy, context } = setup({ ...CROSS, symbols });
    for (let i = 0; i < 10; i++) section(context, strategy, i);
    expect(context.requests).toEqual([]);
    section(context, strategy, 10); // ready; section 10 is a rebalance (every 5)
    // Strongest 10-2 bar returns: BBB (1.012) then EEE (1.010); equal weights 1 / 2 of 100,000.
    expect(context.requests.map((r) => [r.symbol, r.side])).toEqual([
      ['BBB', 'buy'],
      ['EEE', 'buy'],
    ]);
    const bbb = uptrend(1, 'BBB', growth['BBB'], 10)[0]?.close ?? 0;
    expect(context.requests[0]?.quantity).toBe(Math.floor(50_000 / bbb));
  });

  it('rotates out of a name that falls behind at the next rebalance, selling before buying', () => {
    const { strategy, context } = setup({ ...CROSS, symbols, trendPeriod: 0 });
    for (let i = 0; i <= 10; i++) section(context, strategy, i);
    context.fillMarketOrders({ BBB: 110, EEE: 110 });
    growth['CCC'] = 1.05; // CCC surges past EEE
    try {
      for (let i = 11; i <= 15; i++) section(context, strategy, i);
    } finally {
      growth['CCC'] = 1.008;
    }
    const rebalance = context.requests.filter((r) => r.type === 'market').slice(2);
    expect(rebalance.map((r) => [r.symbol, r.side])).toEqual([
      ['EEE', 'sell'],
      ['CCC', 'buy'],
    ]);
  });

  it('ranks a timestamp with a missing bar when the next timestamp starts', () => {
    const { strategy, context } = setup({ ...CROSS, symbols });
    for (let i = 0; i < 10; i++) section(context, strategy, i);
    section(context, strategy, 10, 'DDD'); // DDD has no bar at 10: nothing ranked yet
    expect(context.requests).toEqual([]);
    context.bar(strategy, uptrend(1, 'AAA', growth['AAA'], 11)[0] as BarView);
    expect(context.requests.map((r) => r.symbol)).toEqual(['BBB', 'EEE']);
  });
});

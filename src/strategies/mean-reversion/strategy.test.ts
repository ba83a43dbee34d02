import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { RecordingContext } from '../pairs/recording-context.fixture.js';
import { meanReversionConfigSchema } from './config.js';
import { meanReversionDefinition } from './definition.js';
import { MeanReversionStrategy } from './strategy.js';
import { referenceHalfLife } from './half-life-reference.fixture.js';

/**
 * Warm-up closes shared by most tests: 19 bars alternating 100, 102, 100, …, 100 (the last, index 18, is 100).
 * With period 5 the window before the test bar holds 102, 100, 102, 100 as its four newest values.
 */
const ALTERNATING = Array.from({ length: 19 }, (_, i) => (i % 2 === 0 ? 100 : 102));

function setup(params: Record<string, unknown> = {}) {
  const context = new RecordingContext();
  const strategy = context.attach(
    new MeanReversionStrategy(
      meanReversionConfigSchema.parse({
        symbol: 'SPY',
        period: 5,
        entryZ: 1.5,
        regimeFilter: 'none',
        halfLifeFilter: false,
        halfLifeWindow: 20,
        halfLifeEvery: 1,
        quantity: 10,
        ...params,
      }),
    ),
  );
  let day = 0;
  const feed = (...closes: number[]) => closes.forEach((close) => context.bar('SPY', day++, close));
  return { strategy, context, feed };
}

/** 19 bars of an AR(1) path around 100 (φ = 0.6, unit shocks, seed 3), then a drop to 95. */
function reverting(): number[] {
  const rng = new SeededRng(3);
  let deviation = 0;
  const closes: number[] = [];
  for (let i = 0; i < 19; i++) {
    deviation = 0.6 * deviation + rng.normal();
    closes.push(100 + deviation);
  }
  closes.push(95);
  return closes;
}

describe('mean-reversion', () => {
  it('subscribes to its symbol and stays out until the statistics window is full', () => {
    const { context, feed } = setup();
    expect(context.subscriptions).toEqual(['SPY:1d']);
    // Bar 5 of a 5-bar window: 100 100 100 100 90 -> z = -2 (see below), but only 5 of 20 statistics bars.
    feed(100, 100, 100, 100, 90);
    expect(context.requests).toEqual([]);
  });

  it('buys when the close is entryZ standard deviations below the mean and sells when it is back at the mean', () => {
    const { context, feed } = setup();
    feed(...ALTERNATING);
    expect(context.requests).toEqual([]);
    // Window 102 100 102 100 94: mean 498/5 = 99.6; squared deviations 5.76 .16 5.76 .16 31.36 = 43.2;
    // σ = √(43.2/5) = 2.939; z = (94 − 99.6) / 2.939 = −1.905 <= −1.5: buy.
    feed(94);
    expect(context.requests).toEqual([
      { symbol: 'SPY', side: 'buy', type: 'market', quantity: 10, timeInForce: 'gtc' },
    ]);
    context.fill(0, 94.5);
    // Window 100 102 100 94 97: mean 98.6 > 97: hold (stop 94.5 × 0.95 = 89.78 not reached).
    feed(97);
    expect(context.requests).toHaveLength(1);
    // Window 102 100 94 97 100: mean 98.6 <= 100: back at the mean, sell everything.
    feed(100);
    expect(context.requests[1]).toEqual({
      symbol: 'SPY',
      side: 'sell',
      type: 'market',
      quantity: 10,
      timeInForce: 'gtc',
    });
    expect(context.logs.at(-1)).toMatchObject({ message: 'mean-reversion exit', fields: { reason: 'mean' } });
  });

  it('stops out at stopLossPercent below the average entry price and waits for the mean before buying again', () => {
    const { context, feed } = setup();
    feed(...ALTERNATING, 94);
    context.fill(0, 94.5);
    // 89 <= 94.5 × (1 − 0.05) = 89.775 while below the mean (97): stop-loss.
    feed(89);
    expect(context.requests[1]).toMatchObject({ side: 'sell', quantity: 10 });
    expect(context.logs.at(-1)?.fields).toMatchObject({ reason: 'stop-loss' });
    context.fill(1, 88.5);
    // Window 102 100 94 89 80: mean 93, σ = √(316/5) = 7.95, z = −1.64 <= −1.5, but the long side is disarmed
    // until a close reaches the mean again.
    feed(80);
    expect(context.requests).toHaveLength(2);
    // 100 >= the mean of 100 94 89 80 100 (92.6): re-armed. Then 100 100 100 100 80: mean 96, σ = √(320/5) = 8,
    // z = −2: buy again.
    feed(100, 100, 100, 100, 100, 80);
    expect(context.requests).toHaveLength(3);
    expect(context.requests[2]).toMatchObject({ side: 'buy' });
  });

  it('closes after the time stop: holdingHalfLives × half-life, capped at maxHoldingBars', () => {
    const { context, feed } = setup({ maxHoldingBars: 2, holdingHalfLives: 100 });
    feed(...ALTERNATING, 94);
    context.fill(0, 94.5);
    feed(93); // held 1 bar, below the mean, above the stop
    expect(context.requests).toHaveLength(1);
    feed(93); // held 2 bars: time stop
    expect(context.requests[1]).toMatchObject({ side: 'sell', quantity: 10 });
    expect(context.logs.at(-1)?.fields).toMatchObject({ reason: 'time-stop', barsHeld: 2 });
  });

  it('sets the holding period from the rolling Ornstein-Uhlenbeck half-life', () => {
    const { strategy, context, feed } = setup({ holdingHalfLives: 2, period: 5, entryZ: 1 });
    const closes = reverting();
    feed(...closes);
    const halfLife = referenceHalfLife(closes.slice(-20));
    expect(halfLife).toBeGreaterThan(1); // the path's own φ = 0.6 gives −ln 2 / ln 0.6 = 1.36 bars
    expect(strategy.halfLife).toBeCloseTo(halfLife, 9);
    expect(context.logs[0]).toMatchObject({
      message: 'mean-reversion entry',
      fields: { holdingLimit: Math.min(60, Math.ceil(2 * halfLife)) },
    });
  });

  it('fades a spike above the mean only with allowShort, and covers at the mean', () => {
    const longOnly = setup();
    longOnly.feed(...ALTERNATING, 108);
    expect(longOnly.context.requests).toEqual([]);

    const { context, feed } = setup({ allowShort: true });
    // Window 102 100 102 100 108: mean 102.4, σ = √(((−.4)²+2.4²+.4²+2.4²+5.6²)/5) = 2.939, z = 1.905: sell.
    feed(...ALTERNATING, 108);
    expect(context.requests[0]).toMatchObject({ side: 'sell', quantity: 10 });
    context.fill(0, 107.5);
    feed(101); // window 100 102 100 108 101: mean 102.2 >= 101: cover
    expect(context.requests[1]).toMatchObject({ side: 'buy', quantity: 10 });
  });

  it('stands aside while the half-life is longer than maxHalfLife', () => {
    const closes = reverting();
    const halfLife = referenceHalfLife(closes.slice(-20));
    const strict = setup({ halfLifeFilter: true, maxHalfLife: halfLife / 2, entryZ: 1 });
    strict.feed(...closes);
    expect(strict.context.requests).toEqual([]);
    const loose = setup({ halfLifeFilter: true, maxHalfLife: halfLife * 2, entryZ: 1 });
    loose.feed(...closes);
    expect(loose.context.requests).toHaveLength(1);
  });

  it('sizes by percent of equity, whole units unless fractional', () => {
    const whole = setup({ quantity: undefined, percentOfEquity: 50 });
    whole.feed(...ALTERNATING, 94);
    expect(whole.context.requests[0]?.quantity).toBe(Math.floor(50_000 / 94));
    const fractional = setup({ quantity: undefined, percentOfEquity: 50, fractional: true });
    fractional.feed(...ALTERNATING, 94);
    expect(fractional.context.requests[0]?.quantity).toBeCloseTo(50_000 / 94, 12);
    const unit = setup({ quantity: undefined });
    unit.feed(...ALTERNATING, 94);
    expect(unit.context.requests[0]?.quantity).toBe(1);
  });

  it('sends nothing while an order works, and again once it is rejected', () => {
    const { context, feed } = setup();
    feed(...ALTERNATING, 94, 90);
    expect(context.requests).toHaveLength(1);
    context.reject(0);
    feed(80); // window 102 100 94 90 80: mean 93.2, z = −1.68
    expect(context.requests).toHaveLength(2);
    context.cancel(1);
    feed(60); // window 100 94 90 80 60: mean 84.8, σ = √(980.8/5) = 14.01, z = −1.77
    expect(context.requests).toHaveLength(3);
  });

  it('ignores bars of other symbols', () => {
    const { context } = setup();
    [...ALTERNATING, 94].forEach((close, day) => context.bar('QQQ', day, close));
    expect(context.requests).toEqual([]);
  });

  it('is created by its definition with the symbol and timeframe of the universe', () => {
    const strategy = meanReversionDefinition.create({ signal: 'rsi2' }, { symbols: ['KO'], timeframe: '1h' });
    const context = new RecordingContext();
    context.attach(strategy);
    expect(context.subscriptions).toEqual(['KO:1h']);
    const schema = meanReversionDefinition.parametersJsonSchema();
    const properties = schema.properties as Record<string, { default?: unknown }>;
    expect(properties.signal?.default).toBe('z-score');
    expect(properties.adxThreshold?.default).toBe(25);
  });

  it('refuses two sizing rules, unknown parameters and out-of-range values, naming them', () => {
    expect(() => meanReversionConfigSchema.parse({ symbol: 'SPY', quantity: 1, percentOfEquity: 5 })).toThrow(
      'not both',
    );
    expect(() =>
      meanReversionDefinition.create({ entryZ: -1 }, { symbols: ['SPY'], timeframe: '1d' }),
    ).toThrow(/entryZ "-1"/);
    expect(() =>
      meanReversionDefinition.create({ signal: 'macd' }, { symbols: ['SPY'], timeframe: '1d' }),
    ).toThrow(/signal "macd"/);
    expect(() => meanReversionConfigSchema.parse({ symbol: 'SPY', speed: 1 })).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { pairsConfigSchema } from './config.js';
import { cointegratedPair } from './pair-series.fixture.js';
import { RecordingContext } from './recording-context.fixture.js';
import { PairsStrategy } from './strategy.js';

/**
 * Y = 10 + 1.5 X + u, u AR(1) with φ = 0.5 and shocks of 0.3 (seed 2): on its first 60 bars Engle-Granger gives
 * p ≈ 0.002, β ≈ 1.52, a half-life near 1 bar and a residual σ ≈ 0.39. Moving Y by 3 therefore moves the
 * spread z-score by about 3 / 0.39 ≈ 8: far beyond entryZ = 3, far inside stopZ = 50.
 */
const { x: X, y: Y } = cointegratedPair(200, 2, { phi: 0.5, noise: 0.3 });

function setup(params: Record<string, unknown> = {}) {
  const context = new RecordingContext();
  const strategy = context.attach(
    new PairsStrategy(
      pairsConfigSchema.parse({
        symbols: 'Y,X',
        formationWindow: 60,
        retestEvery: 20,
        maxPValue: 0.05,
        minHalfLife: 0.1,
        priceTransform: 'price',
        entryZ: 3,
        exitZ: 0,
        stopZ: 50,
        maxHoldingHalfLives: 1000,
        ...params,
      }),
    ),
  );
  let day = 0;
  /** One complete bar time: Y then X. */
  const step = (y: number, x: number) => {
    context.bar('Y', day, y);
    context.bar('X', day, x);
    day++;
  };
  /** The formation window: bars 0..59 of the constructed pair. */
  const warm = () => {
    for (let t = 0; t < 60; t++) step(Y[t] as number, X[t] as number);
  };
  const messages = () => context.logs.map((l) => l.message);
  return { strategy, context, step, warm, messages };
}

const y = (t: number) => Y[t] as number;
const x = (t: number) => X[t] as number;

describe('pairs', () => {
  it('subscribes to every symbol and selects the cointegrated pair after formationWindow complete bars', () => {
    const { strategy, context, step, messages } = setup();
    expect(context.subscriptions).toEqual(['Y:1d', 'X:1d']);
    for (let t = 0; t < 59; t++) step(y(t), x(t));
    expect(strategy.pairs()).toEqual([]);
    step(y(59), x(59));
    expect(messages()).toEqual(['pairs selected']);
    const [pair] = strategy.pairs();
    expect(pair).toMatchObject({ y: 'Y', x: 'X', direction: 0, heldY: 0, heldX: 0, retiring: false });
    expect(pair?.pValue).toBeLessThan(0.05);
    expect(Math.abs((pair?.formationHedgeRatio ?? 0) / 1.5 - 1)).toBeLessThan(0.05);
    expect(context.requests).toEqual([]); // |z| of the last formation bar is below entryZ
  });

  it('sends both legs on the same bar: long the spread (buy Y, sell X) when z <= −entryZ, dollar-neutral', () => {
    const { strategy, context, step, warm } = setup();
    warm();
    step(y(60) - 3, x(60));
    expect(strategy.pairs()[0]?.zScore).toBeLessThan(-3);
    // Gross 20% of 100,000 = 20,000: 10,000 a leg, in whole units at the decision bar's closes.
    expect(context.requests).toEqual([
      {
        symbol: 'Y',
        side: 'buy',
        type: 'market',
        quantity: Math.floor(10_000 / (y(60) - 3)),
        timeInForce: 'gtc',
      },
      { symbol: 'X', side: 'sell', type: 'market', quantity: Math.floor(10_000 / x(60)), timeInForce: 'gtc' },
    ]);
    expect(context.logs.at(-1)).toMatchObject({
      message: 'pairs entry',
      fields: { y: 'Y', x: 'X', direction: 1 },
    });
  });

  it('closes both legs once the spread is back at its mean', () => {
    const { strategy, context, step, warm } = setup();
    warm();
    step(y(60) - 3, x(60));
    context.fillAll({ Y: y(61), X: x(61) });
    expect(strategy.pairs()[0]).toMatchObject({ direction: 1 });
    step(y(61) - 2.5, x(61)); // still well below the mean: hold
    expect(context.requests).toHaveLength(2);
    step(y(62) + 0.5, x(62)); // above the mean: z >= −exitZ = 0
    const [buyY, sellX] = context.requests;
    expect(context.requests.slice(2)).toEqual([
      { symbol: 'Y', side: 'sell', type: 'market', quantity: buyY?.quantity, timeInForce: 'gtc' },
      { symbol: 'X', side: 'buy', type: 'market', quantity: sellX?.quantity, timeInForce: 'gtc' },
    ]);
    expect(context.logs.at(-1)).toMatchObject({ message: 'pairs exit', fields: { reason: 'exit' } });
    context.fillAll({ Y: y(63), X: x(63) });
    expect(strategy.pairs()[0]).toMatchObject({ direction: 0, heldY: 0, heldX: 0 });
  });

  it('shorts the spread (sell Y, buy X) when z >= entryZ', () => {
    const { context, step, warm } = setup();
    warm();
    step(y(60) + 3, x(60));
    expect(context.requests.map((r) => `${r.side} ${r.symbol}`)).toEqual(['sell Y', 'buy X']);
  });

  it('sizes the legs in the hedge ratio with legSizing hedge-ratio', () => {
    const { strategy, context, step, warm } = setup({ legSizing: 'hedge-ratio', fractional: true });
    warm();
    step(y(60) - 3, x(60));
    const beta = strategy.pairs()[0]?.hedgeRatio as number;
    // Prices: units y : x = 1 : β with units_y · p_y + units_x · p_x = 20,000.
    const unitsY = 20_000 / (y(60) - 3 + beta * x(60));
    expect(context.requests[0]?.quantity).toBeCloseTo(unitsY, 9);
    expect(context.requests[1]?.quantity).toBeCloseTo(beta * unitsY, 9);
  });

  it('with log prices and hedge-ratio sizing, puts notional 1 : β on the legs', () => {
    const { strategy, context, step, warm } = setup({
      legSizing: 'hedge-ratio',
      fractional: true,
      priceTransform: 'log',
    });
    warm();
    expect(strategy.pairs()).toHaveLength(1);
    step(y(60) - 6, x(60));
    const beta = strategy.pairs()[0]?.hedgeRatio as number;
    const notionalY = (context.requests[0]?.quantity as number) * (y(60) - 6);
    const notionalX = (context.requests[1]?.quantity as number) * x(60);
    expect(notionalY + notionalX).toBeCloseTo(20_000, 6);
    expect(notionalX / notionalY).toBeCloseTo(beta, 9);
  });

  it('decides only once every symbol has its bar, and carries a missing close forward', () => {
    const { strategy, context, step, messages } = setup();
    for (let t = 0; t < 59; t++) step(y(t), x(t));
    context.bar('Y', 59, y(59)); // X has no bar at day 59
    expect(messages()).toEqual([]);
    context.bar('Y', 60, y(60)); // day 59 is complete now, with X's close of day 58 carried forward
    expect(messages()[0]).toBe('pairs selected');
    expect(strategy.pairs()).toHaveLength(1);
  });

  it('waits while a leg is partly filled, then carries on', () => {
    const { strategy, context, step, warm } = setup();
    warm();
    step(y(60) - 3, x(60));
    const quantityY = context.requests[0]?.quantity as number;
    context.fill(0, y(61), 10);
    context.fill(1, x(61));
    expect(strategy.pairs()[0]).toMatchObject({
      heldY: 10,
      heldX: -(context.requests[1]?.quantity as number),
    });
    step(y(61) - 2.5, x(61));
    expect(context.requests).toHaveLength(2);
    context.fill(0, y(62));
    expect(strategy.pairs()[0]?.heldY).toBe(quantityY);
    step(y(62) + 0.5, x(62));
    expect(context.requests).toHaveLength(4); // the exit, both legs
  });

  it('abandons an entry whose leg the venue rejects: cancels the other leg and closes what filled', () => {
    const { strategy, context, step, warm } = setup();
    warm();
    step(y(60) - 3, x(60));
    context.fill(0, y(61), 7); // part of Y fills, then X is rejected
    context.reject(1);
    expect(context.orders[0]?.status).toBe('canceled');
    expect(context.logs.at(-1)).toMatchObject({ message: 'pairs leg failed', fields: { leg: 'x' } });
    expect(strategy.pairs()[0]).toMatchObject({ direction: 0, heldY: 7, heldX: 0 });
    step(y(61) - 3, x(61)); // still far below the mean, but that side is disarmed: only the unwind
    expect(context.requests.slice(2)).toEqual([
      { symbol: 'Y', side: 'sell', type: 'market', quantity: 7, timeInForce: 'gtc' },
    ]);
  });

  it('sends neither leg when the first is rejected at submission', () => {
    const { context, step, warm } = setup();
    warm();
    context.rejectNext = true;
    step(y(60) - 3, x(60));
    expect(context.requests.map((r) => r.symbol)).toEqual(['Y']);
    expect(context.orders[0]?.status).toBe('rejected');
  });

  it('sends an exit leg that failed again on the next bar', () => {
    const { context, step, warm } = setup();
    warm();
    step(y(60) - 3, x(60));
    context.fillAll({ Y: y(61), X: x(61) });
    step(y(61) + 0.5, x(61));
    expect(context.requests).toHaveLength(4);
    context.fill(2, y(62));
    context.cancel(3); // the X exit is canceled by the venue
    step(y(62) + 0.5, x(62));
    expect(context.requests).toHaveLength(5);
    expect(context.requests[4]).toEqual(context.requests[3]); // buy X, the same quantity
  });

  it('cancels working orders when the decision changes before they fill', () => {
    const { strategy, context, step, warm } = setup();
    warm();
    step(y(60) - 3, x(60));
    step(y(61) + 0.5, x(61)); // back at the mean before anything filled
    expect(context.orders.map((o) => o.status)).toEqual(['canceled', 'canceled']);
    expect(context.requests).toHaveLength(2); // nothing filled, nothing to close
    expect(strategy.pairs()[0]?.direction).toBe(0);
  });

  it('retires a pair whose cointegration breaks at a re-test, closing its position first', () => {
    const { strategy, context, step, warm, messages } = setup();
    warm();
    step(y(60) - 3, x(60));
    context.fillAll({ Y: y(61), X: x(61) });
    // From bar 61 Y stops following X: it falls 0.5 a bar (z stays below 0, so no exit by z).
    for (let t = 61; t < 80; t++) step(y(t) - 3 - 0.5 * (t - 60), x(t));
    expect(messages()).toContain('pairs cointegration broke');
    expect(context.logs.at(-1)).toMatchObject({ message: 'pairs exit', fields: { reason: 'retired' } });
    expect(context.requests.slice(2).map((r) => `${r.side} ${r.symbol}`)).toEqual(['sell Y', 'buy X']);
    context.fillAll({ Y: 100, X: 100 });
    step(y(80), x(80));
    expect(messages().at(-1)).toBe('pairs retired');
    expect(strategy.pairs()).toEqual([]);
  });

  it('ignores symbols outside its universe', () => {
    const { context, messages } = setup();
    for (let t = 0; t < 70; t++) context.bar('Z', t, 100 + t);
    expect(messages()).toEqual([]);
  });
});

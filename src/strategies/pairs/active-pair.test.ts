import { describe, expect, it } from 'vitest';
import { ActivePair } from './active-pair.js';
import { pairsConfigSchema } from './config.js';
import type { SpreadModel } from './spread-model.js';

/** entryZ 2, exitZ 0.5, stopZ 4, time stop after ⌈2 × 3.2⌉ = 7 bars. */
const config = pairsConfigSchema.parse({
  symbols: 'Y,X',
  entryZ: 2,
  exitZ: 0.5,
  stopZ: 4,
  maxHoldingHalfLives: 2,
});

function pair(hedgeRatio = 1.5): { pair: ActivePair; model: { hedgeRatio: number } } {
  const model = { hedgeRatio, update: () => null, recalibrate: () => undefined } satisfies SpreadModel;
  const test = { yIndex: 0, xIndex: 1, pValue: 0.01, hedgeRatio, halfLife: 3.2, residualVariance: 1 };
  return { pair: new ActivePair(test, model, null), model };
}

/** Feeds z-scores; applies each decision as the strategy does; returns the directions. */
function walk(active: ActivePair, zs: readonly (number | null)[]): number[] {
  return zs.map((z) => {
    active.zScore = z;
    const direction = active.decide(config);
    if (direction !== active.direction && direction !== 0) active.barsInTrade = 0;
    active.direction = direction;
    if (direction !== 0) active.barsInTrade++;
    return direction;
  });
}

describe('pair decisions', () => {
  it('opens long the spread at z <= −entryZ and short at z >= entryZ, but not beyond the stop', () => {
    expect(walk(pair().pair, [-1.9, -2])).toEqual([0, 1]);
    expect(walk(pair().pair, [2.5])).toEqual([-1]);
    expect(walk(pair().pair, [-4, 4.2])).toEqual([0, 0]);
    expect(walk(pair().pair, [null, 1])).toEqual([0, 0]);
  });

  it('does not open while the hedge ratio is not positive (the legs would not offset)', () => {
    expect(walk(pair(0).pair, [-3])).toEqual([0]);
    expect(walk(pair(-0.7).pair, [3])).toEqual([0]);
  });

  it('closes at the exit level and says why', () => {
    const { pair: active } = pair();
    expect(walk(active, [-2.5, -1, -0.5])).toEqual([1, 1, 0]);
    expect(active.exitReason).toBe('exit');
    expect(walk(active, [2.2, 0.6, 0.5])).toEqual([-1, -1, 0]);
  });

  it('stops out at −stopZ and re-arms that side only once z is back at its exit level', () => {
    const { pair: active } = pair();
    expect(walk(active, [-2.5, -4])).toEqual([1, 0]);
    expect(active.exitReason).toBe('stop');
    // Still far below: long disarmed; the short side is unaffected.
    expect(walk(active, [-3, -2.1, -0.6])).toEqual([0, 0, 0]);
    expect(walk(active, [-0.5, -2.1])).toEqual([0, 1]); // −0.5 >= −exitZ re-arms
  });

  it('closes after maxHoldingHalfLives × half-life bars in the trade', () => {
    const { pair: active } = pair();
    // Entry at bar 1, then 6 more bars inside the band: the 8th decision sees 7 bars in the trade.
    expect(walk(active, [-2.5, -1.5, -1.5, -1.5, -1.5, -1.5, -1.5, -1.5])).toEqual([1, 1, 1, 1, 1, 1, 1, 0]);
    expect(active.exitReason).toBe('time-stop');
    expect(walk(active, [-2.5])).toEqual([0]); // disarmed like a stop
  });

  it('only closes once retiring', () => {
    const { pair: active } = pair();
    walk(active, [3]);
    active.retiring = true;
    expect(walk(active, [3])).toEqual([0]);
    expect(active.exitReason).toBe('retired');
    expect(walk(active, [-3])).toEqual([0]);
    expect(active.exitReason).toBeNull();
  });

  it('is idle when flat in both legs with nothing working', () => {
    const { pair: active } = pair();
    expect(active.isIdle).toBe(true);
    active.held[1] = -3;
    expect(active.isIdle).toBe(false);
  });
});

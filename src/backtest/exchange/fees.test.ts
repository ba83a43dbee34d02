import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../core/errors.js';
import {
  composeFees,
  makerTakerFee,
  minimumFee,
  noFees,
  perOrderFee,
  perShareFee,
  percentFee,
  type FeeModel,
  type OrderFillTotals,
} from './fees.js';
import { bar, closeOf, makeExchange, makeOrder } from './exchange.fixture.js';

function totals(partial: Partial<OrderFillTotals>): OrderFillTotals {
  return { fills: 1, quantity: 0, notional: 0, makerNotional: 0, takerNotional: 0, ...partial };
}

/** Commissions of the fills of one market order of 100 split 30/30/30/10 at 100, 101, 102, 103. */
function commissionsOf(fees: FeeModel): number[] {
  const { exchange, fills } = makeExchange({ fees, maxParticipation: 0.1 });
  exchange.submit(makeOrder({ type: 'market' }), closeOf(0));
  for (let index = 1; index <= 4; index += 1) {
    exchange.processBar(bar(index, { o: 99 + index, h: 100 + index, l: 98 + index, c: 99 + index, v: 300 }));
  }
  return fills().map((fill) => fill.commission);
}

describe('fee models', () => {
  it('charges per share', () => {
    expect(perShareFee(0.005).totalCommission(totals({ quantity: 100 }))).toBe(0.5);
    expect(commissionsOf(perShareFee(0.01)).map((value) => Number(value.toFixed(10)))).toEqual([
      0.3, 0.3, 0.3, 0.1,
    ]);
  });

  it('charges a per-order fee once, with the first fill', () => {
    expect(commissionsOf(perOrderFee(1))).toEqual([1, 0, 0, 0]);
    expect(perOrderFee(1).totalCommission(totals({ fills: 0 }))).toBe(0);
  });

  it('charges a percentage of notional', () => {
    // 30 × 100 × 0.1% = 3, then 3.03, 3.06, 1.03.
    const charged = commissionsOf(percentFee(0.1));
    expect(charged.map((value) => Number(value.toFixed(10)))).toEqual([3, 3.03, 3.06, 1.03]);
  });

  it('charges maker and taker notional at their own rates', () => {
    const model = makerTakerFee({ makerPercent: 0.01, takerPercent: 0.05 });
    expect(model.totalCommission(totals({ makerNotional: 10_000, takerNotional: 20_000 }))).toBeCloseTo(
      11,
      12,
    );
    const { exchange, fills } = makeExchange({ fees: model });
    exchange.submit(makeOrder({ type: 'limit', limitPrice: 99 }, 'maker'), closeOf(0));
    exchange.submit(makeOrder({ type: 'market' }, 'taker'), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 101, l: 98, c: 100 }));
    expect(fills().map((fill) => [fill.orderId, fill.liquidity, fill.commission])).toEqual([
      ['maker', 'maker', expect.closeTo(0.99, 12)],
      ['taker', 'taker', expect.closeTo(5, 12)],
    ]);
  });

  it('applies a minimum per order across its partial fills', () => {
    // per share 0.005: 0.15, 0.3, 0.45, 0.5 cumulative; the minimum 1 is charged with the first fill only.
    expect(commissionsOf(minimumFee(perShareFee(0.005), 1))).toEqual([1, 0, 0, 0]);
    expect(minimumFee(perShareFee(0.005), 1).totalCommission(totals({ quantity: 1000 }))).toBe(5);
    expect(minimumFee(perShareFee(0.005), 1).totalCommission(totals({ fills: 0 }))).toBe(0);
  });

  it('composes models by adding them', () => {
    const model = composeFees(perOrderFee(1), percentFee(0.1));
    expect(model.name).toBe('per-order(1)+percent(0.1)');
    expect(model.totalCommission(totals({ notional: 10_000 }))).toBe(11);
    expect(noFees.totalCommission(totals({ notional: 10_000 }))).toBe(0);
  });

  it('refuses negative or non-finite rates', () => {
    expect(() => perShareFee(-1)).toThrow(InvalidInputError);
    expect(() => percentFee(Number.NaN)).toThrow('fee percent "NaN" must be a finite number >= 0');
    expect(() => makerTakerFee({ makerPercent: -0.01, takerPercent: 0.05 })).toThrow(/maker percent/);
    expect(() => minimumFee(noFees, -1)).toThrow(/minimum fee/);
    expect(() => perOrderFee(Number.POSITIVE_INFINITY)).toThrow(/fee per order/);
  });
});

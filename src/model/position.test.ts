import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { clientOrderId, fillId, instrumentId, orderId, positionId } from '../core/ids.js';
import { unwrap } from '../core/result.js';
import { createFill } from './fill.js';
import type { Fill, OrderSide } from './order.types.js';
import {
  applyFillToPosition,
  emptyPosition,
  marketValue,
  openPosition,
  positionNotional,
  positionSide,
  totalPnl,
  unrealizedPnl,
} from './position.js';
import type { Position } from './position.types.js';

const AAPL = instrumentId('AAPL');

function fill(side: OrderSide, quantity: number, price: number, commission = 0, tsEvent = 1000): Fill {
  return unwrap(
    createFill({
      id: fillId(`f-${tsEvent}`),
      orderId: orderId('o'),
      clientOrderId: clientOrderId('c'),
      instrumentId: AAPL,
      side,
      quantity,
      price,
      commission,
      tsEvent,
    }),
  );
}

function flat(): Position {
  return emptyPosition({ id: positionId('p-1'), instrumentId: AAPL }, 0);
}

function applyAll(position: Position, fills: readonly Fill[]): Position {
  return fills.reduce(applyFillToPosition, position);
}

describe('position netting', () => {
  it('averages the entry price of added quantity: buy 100@10, buy 100@12 → 200 @ 11', () => {
    const position = applyAll(flat(), [fill('buy', 100, 10), fill('buy', 100, 12)]);
    expect(position).toMatchObject({ side: 'long', quantity: 200, averagePrice: 11, realizedPnl: 0 });
  });

  it('realizes (exit - average) * closed minus commission when reducing: sell 150@13 → 300 - 1.5', () => {
    const position = applyAll(flat(), [
      fill('buy', 100, 10),
      fill('buy', 100, 12),
      fill('sell', 150, 13, 1.5),
    ]);
    expect(position).toMatchObject({ side: 'long', quantity: 50, averagePrice: 11, commissions: 1.5 });
    expect(position.realizedPnl).toBeCloseTo(298.5, 12);
  });

  it('charges opening commissions to realized P&L too', () => {
    const position = applyAll(flat(), [fill('buy', 100, 10, 2), fill('sell', 100, 11, 2)]);
    expect(position).toMatchObject({ side: 'flat', quantity: 0, averagePrice: 0, commissions: 4 });
    expect(position.realizedPnl).toBeCloseTo(100 - 4, 12);
  });

  it('flips a long into a short: realizes the closed part and opens the rest at the fill price', () => {
    const long = applyAll(flat(), [fill('buy', 50, 11, 0, 1000)]);
    const short = applyFillToPosition(long, fill('sell', 100, 9, 0, 2000));
    expect(short).toMatchObject({
      side: 'short',
      quantity: -50,
      averagePrice: 9,
      realizedPnl: -100,
      tsOpened: 2000,
    });
    expect(short.tsLast).toBe(2000);
  });

  it('flips a short into a long', () => {
    const short = applyAll(flat(), [fill('sell', 30, 20)]);
    const long = applyFillToPosition(short, fill('buy', 50, 18, 0, 3000));
    expect(long).toMatchObject({
      side: 'long',
      quantity: 20,
      averagePrice: 18,
      realizedPnl: 60,
      tsOpened: 3000,
    });
  });

  it('gains on a short when the price falls and realizes it on cover', () => {
    const short = applyAll(flat(), [fill('sell', 100, 20)]);
    expect(short).toMatchObject({ side: 'short', quantity: -100, averagePrice: 20 });
    expect(unrealizedPnl(short, 18)).toBe(200);
    expect(marketValue(short, 18)).toBe(-1800);
    expect(positionNotional(short, 18)).toBe(1800);
    const covered = applyFillToPosition(short, fill('buy', 40, 15));
    expect(covered).toMatchObject({ quantity: -60, averagePrice: 20, realizedPnl: 200 });
    expect(totalPnl(covered, 15)).toBe(200 + 300);
  });

  it('averages added short quantity', () => {
    const short = applyAll(flat(), [fill('sell', 100, 20), fill('sell', 300, 24)]);
    expect(short).toMatchObject({ quantity: -400, averagePrice: 23 });
  });

  it('closes to exactly flat when fractional fills leave float dust', () => {
    const position = applyAll(flat(), [fill('buy', 0.1, 10), fill('buy', 0.2, 10), fill('sell', 0.3, 10)]);
    expect(position).toMatchObject({ quantity: 0, side: 'flat', averagePrice: 0 });
  });

  it('keeps realized P&L across a close and a re-opening, and stamps the new opening time', () => {
    const position = applyAll(flat(), [
      fill('buy', 10, 10, 0, 1),
      fill('sell', 10, 12, 0, 2),
      fill('buy', 5, 11, 0, 3),
    ]);
    expect(position).toMatchObject({
      quantity: 5,
      averagePrice: 11,
      realizedPnl: 20,
      tsOpened: 3,
      tsLast: 3,
    });
  });

  it('opens a position from its first fill', () => {
    const position = openPosition({ id: positionId('p-2') }, fill('sell', 7, 50, 0.5, 42));
    expect(position).toMatchObject({
      id: 'p-2',
      accountId: null,
      instrumentId: 'AAPL',
      side: 'short',
      quantity: -7,
      averagePrice: 50,
      realizedPnl: -0.5,
      tsOpened: 42,
    });
  });

  it('refuses a fill for another instrument', () => {
    const other = { ...fill('buy', 1, 1), instrumentId: instrumentId('MSFT') };
    expect(() => applyFillToPosition(flat(), other)).toThrow(InvalidInputError);
    expect(() => applyFillToPosition(flat(), other)).toThrow(
      /"MSFT" does not match position instrument "AAPL"/,
    );
  });

  it('names the side of a signed quantity', () => {
    expect([positionSide(3), positionSide(-0.5), positionSide(0)]).toEqual(['long', 'short', 'flat']);
    expect(unrealizedPnl(flat(), 100)).toBe(0);
  });
});

const fillArbitrary = fc.record({
  side: fc.constantFrom<OrderSide>('buy', 'sell'),
  quantity: fc.integer({ min: 1, max: 1000 }),
  price: fc.double({ min: 1, max: 1000, noNaN: true }),
  commission: fc.double({ min: 0, max: 10, noNaN: true }),
});

describe('position accounting identities', () => {
  it('equates cash spent plus market value with realized plus unrealized P&L', () => {
    fc.assert(
      fc.property(
        fc.array(fillArbitrary, { maxLength: 30 }),
        fc.double({ min: 1, max: 1000, noNaN: true }),
        (fills, mark) => {
          let position = flat();
          let cash = 0;
          let scale = 1;
          for (const [i, f] of fills.entries()) {
            const executed = fill(f.side, f.quantity, f.price, f.commission, i + 1);
            position = applyFillToPosition(position, executed);
            cash -= (f.side === 'buy' ? 1 : -1) * f.quantity * f.price + f.commission;
            scale += f.quantity * f.price + f.commission;
          }
          const identityGap = cash + marketValue(position, mark) - totalPnl(position, mark);
          expect(Math.abs(identityGap)).toBeLessThanOrEqual(
            1e-9 * (scale + Math.abs(position.quantity) * mark),
          );
          expect(position.side).toBe(positionSide(position.quantity));
        },
      ),
      { numRuns: 300 },
    );
  });
});

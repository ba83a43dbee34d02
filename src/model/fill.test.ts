import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { clientOrderId, fillId, instrumentId, orderId, strategyId } from '../core/ids.js';
import { unwrap } from '../core/result.js';
import { createFill, createFillForOrder, fillNotional, signedFillQuantity, type FillInit } from './fill.js';
import { createOrder } from './order.js';

const init: FillInit = {
  id: fillId('f-1'),
  orderId: orderId('o-1'),
  clientOrderId: clientOrderId('c-1'),
  instrumentId: instrumentId('AAPL'),
  side: 'buy',
  quantity: 10,
  price: 101.5,
  tsEvent: 5000,
};

function problem(fields: Record<string, unknown>): string {
  const result = createFill({ ...init, ...fields });
  if (result.ok) throw new Error(`expected ${JSON.stringify(fields)} to be refused`);
  expect(result.error).toBeInstanceOf(InvalidInputError);
  return result.error.message;
}

describe('createFill', () => {
  it('defaults commission to 0, liquidity to taker and strategy to none', () => {
    expect(unwrap(createFill(init))).toEqual({
      ...init,
      commission: 0,
      liquidity: 'taker',
      strategyId: null,
    });
  });

  it('refuses a quantity that is not finite and > 0', () => {
    expect(problem({ quantity: 0 })).toBe('fill quantity "0" must be a finite number > 0');
    expect(problem({ quantity: -3 })).toBe('fill quantity "-3" must be a finite number > 0');
    expect(problem({ quantity: Number.NaN })).toBe('fill quantity "NaN" must be a finite number > 0');
  });

  it('refuses a price that is not finite and > 0', () => {
    expect(problem({ price: 0 })).toBe('fill price "0" must be a finite number > 0');
    expect(problem({ price: Number.POSITIVE_INFINITY })).toBe(
      'fill price "Infinity" must be a finite number > 0',
    );
  });

  it('refuses a negative or non-finite commission and accepts zero', () => {
    expect(problem({ commission: -0.01 })).toBe('commission "-0.01" must be a finite number >= 0');
    expect(problem({ commission: Number.NaN })).toBe('commission "NaN" must be a finite number >= 0');
    expect(createFill({ ...init, commission: 0 }).ok).toBe(true);
  });

  it('refuses an unknown side, liquidity or a non-finite time', () => {
    expect(problem({ side: 'long' })).toBe('side "long" must be one of buy, sell');
    expect(problem({ liquidity: 'hidden' })).toBe('liquidity "hidden" must be maker or taker');
    expect(problem({ tsEvent: Number.NaN })).toBe('tsEvent "NaN" must be a finite epoch ms');
  });
});

describe('fill helpers', () => {
  it('copies ids, instrument, strategy and side from the order', () => {
    const order = unwrap(
      createOrder(
        {
          instrumentId: instrumentId('MSFT'),
          side: 'sell',
          type: 'market',
          quantity: 5,
          strategyId: strategyId('s'),
        },
        { id: orderId('o-7') },
        0,
      ),
    );
    const fill = unwrap(
      createFillForOrder(order, {
        id: fillId('f'),
        quantity: 5,
        price: 300,
        commission: 1,
        liquidity: 'maker',
        tsEvent: 9,
      }),
    );
    expect(fill).toEqual({
      id: 'f',
      orderId: 'o-7',
      clientOrderId: 'o-7',
      instrumentId: 'MSFT',
      strategyId: 's',
      side: 'sell',
      quantity: 5,
      price: 300,
      commission: 1,
      liquidity: 'maker',
      tsEvent: 9,
    });
  });

  it('computes the unsigned notional and the signed quantity', () => {
    const buy = unwrap(createFill(init));
    const sell = unwrap(createFill({ ...init, side: 'sell' }));
    expect(fillNotional(buy)).toBe(1015);
    expect(fillNotional(sell)).toBe(1015);
    expect(signedFillQuantity(buy)).toBe(10);
    expect(signedFillQuantity(sell)).toBe(-10);
  });
});

import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { instrumentId, orderId } from '../core/ids.js';
import { createOrder } from './order.js';

const base = { instrumentId: instrumentId('AAPL'), side: 'buy', type: 'market', quantity: 10 } as const;

/** The validation message for `base` with `fields` merged in (fields may hold values the type forbids). */
function problem(fields: Record<string, unknown>): string {
  const result = createOrder({ ...base, ...fields }, { id: orderId('o-1') }, 1000);
  if (result.ok) throw new Error(`expected ${JSON.stringify(fields)} to be refused`);
  expect(result.error).toBeInstanceOf(InvalidInputError);
  expect(result.error.code).toBe('INVALID_INPUT');
  return result.error.message;
}

function accepted(fields: Record<string, unknown>): boolean {
  return createOrder({ ...base, ...fields }, { id: orderId('o-1') }, 1000).ok;
}

describe('order request validation', () => {
  it('accepts a plain market order and one valid order of each type', () => {
    expect(accepted({})).toBe(true);
    expect(accepted({ type: 'limit', limitPrice: 10 })).toBe(true);
    expect(accepted({ type: 'stop', stopPrice: 10 })).toBe(true);
    expect(accepted({ type: 'stop_limit', stopPrice: 10, limitPrice: 10.5 })).toBe(true);
    expect(accepted({ type: 'trailing_stop', side: 'sell', trailPercent: 2, timeInForce: 'gtc' })).toBe(true);
    expect(accepted({ type: 'trailing_stop', side: 'sell', trailPrice: 1.5 })).toBe(true);
  });

  it('refuses an empty instrument id', () => {
    expect(problem({ instrumentId: '' })).toBe('instrumentId "" must be a non-empty string');
  });

  it('refuses an unknown side', () => {
    expect(problem({ side: 'short' })).toMatch(/^side "short" must be one of buy, sell$/);
  });

  it('refuses an unknown order type', () => {
    expect(problem({ type: 'iceberg' })).toMatch(/^type "iceberg" must be one of market, limit/);
  });

  it('refuses an unknown time in force', () => {
    expect(problem({ timeInForce: 'gtd' })).toMatch(/^timeInForce "gtd" must be one of day, gtc/);
  });

  it('refuses an unknown order class', () => {
    expect(problem({ orderClass: 'iceberg' })).toMatch(/^orderClass "iceberg" must be one of simple/);
  });

  it('refuses a quantity that is zero, negative, infinite, NaN or not a number', () => {
    expect(problem({ quantity: -5 })).toBe('quantity "-5" must be a finite number > 0');
    expect(problem({ quantity: 0 })).toBe('quantity "0" must be a finite number > 0');
    expect(problem({ quantity: Number.POSITIVE_INFINITY })).toBe(
      'quantity "Infinity" must be a finite number > 0',
    );
    expect(problem({ quantity: Number.NaN })).toBe('quantity "NaN" must be a finite number > 0');
    expect(problem({ quantity: '10' })).toBe('quantity "10" must be a finite number > 0');
  });

  it('refuses a reduceOnly flag that is not a boolean', () => {
    expect(problem({ reduceOnly: 'yes' })).toBe('reduceOnly "yes" must be true or false');
  });

  it('refuses a price that is not finite and > 0', () => {
    expect(problem({ type: 'limit', limitPrice: -1 })).toBe('limitPrice "-1" must be a finite number > 0');
    expect(problem({ type: 'stop', stopPrice: 0 })).toBe('stopPrice "0" must be a finite number > 0');
    expect(problem({ type: 'limit', limitPrice: Number.NaN })).toBe(
      'limitPrice "NaN" must be a finite number > 0',
    );
  });

  it('refuses a trail percent outside (0, 100)', () => {
    const order = { type: 'trailing_stop', side: 'sell' };
    expect(problem({ ...order, trailPercent: 100 })).toBe('trailPercent "100" must be a number in (0, 100)');
    expect(problem({ ...order, trailPercent: 0 })).toBe('trailPercent "0" must be a number in (0, 100)');
    expect(accepted({ ...order, trailPercent: 99.9 })).toBe(true);
  });

  it('requires a limit price on limit and stop_limit orders', () => {
    expect(problem({ type: 'limit' })).toBe('limitPrice undefined is required on a limit order');
    expect(problem({ type: 'stop_limit', stopPrice: 10 })).toBe(
      'limitPrice undefined is required on a stop_limit order',
    );
  });

  it('refuses a limit price on other order types', () => {
    expect(problem({ limitPrice: 10 })).toBe(
      'limitPrice "10" is only allowed on limit and stop_limit orders, not on a market order',
    );
  });

  it('requires a stop price on stop and stop_limit orders', () => {
    expect(problem({ type: 'stop' })).toBe('stopPrice undefined is required on a stop order');
    expect(problem({ type: 'stop_limit', limitPrice: 10 })).toBe(
      'stopPrice undefined is required on a stop_limit order',
    );
  });

  it('refuses a stop price on other order types', () => {
    expect(problem({ type: 'limit', limitPrice: 10, stopPrice: 9 })).toBe(
      'stopPrice "9" is only allowed on stop and stop_limit orders, not on a limit order',
    );
  });

  it('requires exactly one of trailPrice and trailPercent on a trailing stop', () => {
    expect(problem({ type: 'trailing_stop' })).toBe(
      'a trailing_stop order needs exactly one of trailPrice and trailPercent, got trailPrice undefined and trailPercent undefined',
    );
    expect(problem({ type: 'trailing_stop', trailPrice: 1, trailPercent: 2 })).toBe(
      'a trailing_stop order needs exactly one of trailPrice and trailPercent, got trailPrice "1" and trailPercent "2"',
    );
  });

  it('refuses trail fields on other order types', () => {
    expect(problem({ trailPrice: 1 })).toBe(
      'trailPrice "1" is only allowed on trailing_stop orders, not on a market order',
    );
    expect(problem({ trailPercent: 1 })).toBe(
      'trailPercent "1" is only allowed on trailing_stop orders, not on a market order',
    );
  });

  it('allows opg and cls only on market and limit orders', () => {
    expect(accepted({ timeInForce: 'opg' })).toBe(true);
    expect(accepted({ type: 'limit', limitPrice: 10, timeInForce: 'cls' })).toBe(true);
    expect(problem({ type: 'stop', stopPrice: 10, timeInForce: 'opg' })).toBe(
      'timeInForce "opg" is only allowed on market and limit orders, not on a stop order',
    );
    expect(problem({ type: 'trailing_stop', trailPercent: 1, timeInForce: 'cls' })).toBe(
      'timeInForce "cls" is only allowed on market and limit orders, not on a trailing_stop order',
    );
  });

  it('allows ioc and fok only on market and limit orders', () => {
    expect(accepted({ timeInForce: 'ioc' })).toBe(true);
    expect(accepted({ type: 'limit', limitPrice: 10, timeInForce: 'fok' })).toBe(true);
    expect(problem({ type: 'stop_limit', stopPrice: 10, limitPrice: 10, timeInForce: 'fok' })).toBe(
      'timeInForce "fok" is only allowed on market and limit orders, not on a stop_limit order',
    );
  });

  it('refuses exit legs on a simple order', () => {
    expect(problem({ takeProfitPrice: 12 })).toBe(
      'takeProfitPrice "12" needs a bracket, oco or oto order, not a simple one',
    );
    expect(problem({ stopLossPrice: 8 })).toBe(
      'stopLossPrice "8" needs a bracket, oco or oto order, not a simple one',
    );
  });

  it('requires both exit legs on a bracket order', () => {
    const bracket = { orderClass: 'bracket', type: 'limit', limitPrice: 10 };
    expect(problem({ ...bracket, stopLossPrice: 9 })).toBe(
      'takeProfitPrice undefined is required on a bracket order',
    );
    expect(problem({ ...bracket, takeProfitPrice: 11 })).toBe(
      'stopLossPrice undefined is required on a bracket order',
    );
    expect(accepted({ ...bracket, takeProfitPrice: 11, stopLossPrice: 9 })).toBe(true);
  });

  it('requires a buy bracket to have the take profit above and the stop loss below the entry', () => {
    const bracket = { orderClass: 'bracket', type: 'limit', limitPrice: 10 };
    expect(problem({ ...bracket, takeProfitPrice: 9.5, stopLossPrice: 9 })).toBe(
      'takeProfitPrice "9.5" must be above the limitPrice "10" of a buy bracket order',
    );
    expect(problem({ ...bracket, takeProfitPrice: 11, stopLossPrice: 10 })).toBe(
      'stopLossPrice "10" must be below the limitPrice "10" of a buy bracket order',
    );
  });

  it('requires a sell bracket to have the take profit below and the stop loss above the entry', () => {
    const bracket = { orderClass: 'bracket', side: 'sell', type: 'stop', stopPrice: 10 };
    expect(accepted({ ...bracket, takeProfitPrice: 9, stopLossPrice: 11 })).toBe(true);
    expect(problem({ ...bracket, takeProfitPrice: 10.5, stopLossPrice: 11 })).toBe(
      'takeProfitPrice "10.5" must be below the stopPrice "10" of a sell bracket order',
    );
    expect(problem({ ...bracket, takeProfitPrice: 9, stopLossPrice: 9.5 })).toBe(
      'stopLossPrice "9.5" must be above the stopPrice "10" of a sell bracket order',
    );
  });

  it('checks a market bracket only by its two exits', () => {
    const bracket = { orderClass: 'bracket' };
    expect(accepted({ ...bracket, takeProfitPrice: 12, stopLossPrice: 8 })).toBe(true);
    expect(problem({ ...bracket, takeProfitPrice: 8, stopLossPrice: 12 })).toBe(
      'stopLossPrice "12" must be below takeProfitPrice "8" on a buy bracket order',
    );
    expect(problem({ ...bracket, side: 'sell', takeProfitPrice: 12, stopLossPrice: 8 })).toBe(
      'stopLossPrice "8" must be above takeProfitPrice "12" on a sell bracket order',
    );
  });

  it('allows legged orders only as day or gtc', () => {
    expect(
      problem({ orderClass: 'bracket', takeProfitPrice: 12, stopLossPrice: 8, timeInForce: 'ioc' }),
    ).toBe('timeInForce "ioc" must be day or gtc on a bracket order');
  });

  it('refuses legs on a trailing stop entry', () => {
    expect(problem({ orderClass: 'oto', type: 'trailing_stop', trailPercent: 1, stopLossPrice: 8 })).toBe(
      'type "trailing_stop" cannot carry oto legs',
    );
  });

  it('requires exactly one exit leg on an oto order, on the right side of the entry', () => {
    const oto = { orderClass: 'oto', type: 'limit', limitPrice: 10 };
    expect(accepted({ ...oto, stopLossPrice: 9 })).toBe(true);
    expect(accepted({ ...oto, takeProfitPrice: 11 })).toBe(true);
    expect(problem(oto)).toBe(
      'an oto order needs exactly one of takeProfitPrice and stopLossPrice, got takeProfitPrice undefined and stopLossPrice undefined',
    );
    expect(problem({ ...oto, takeProfitPrice: 11, stopLossPrice: 9 })).toMatch(
      /^an oto order needs exactly one/,
    );
    expect(problem({ ...oto, stopLossPrice: 10.5 })).toBe(
      'stopLossPrice "10.5" must be below the limitPrice "10" of a buy oto order',
    );
  });

  it('requires both legs of an oco order on the exit side', () => {
    const oco = { orderClass: 'oco', side: 'sell', type: 'limit', limitPrice: 12 };
    expect(accepted({ ...oco, takeProfitPrice: 12, stopLossPrice: 9 })).toBe(true);
    expect(problem({ ...oco, stopLossPrice: 9 })).toBe(
      'takeProfitPrice undefined is required on an oco order',
    );
    expect(problem({ ...oco, takeProfitPrice: 12, stopLossPrice: 13 })).toBe(
      'stopLossPrice "13" must be below takeProfitPrice "12" on a sell oco order',
    );
    expect(accepted({ ...oco, side: 'buy', takeProfitPrice: 8, stopLossPrice: 11 })).toBe(true);
    expect(problem({ ...oco, side: 'buy', takeProfitPrice: 12, stopLossPrice: 11 })).toBe(
      'stopLossPrice "11" must be above takeProfitPrice "12" on a buy oco order',
    );
  });

  it('refuses a non-finite creation time', () => {
    const result = createOrder(base, { id: orderId('o-1') }, Number.NaN);
    expect(result.ok ? '' : result.error.message).toBe('tsInit "NaN" must be a finite epoch ms');
  });
});

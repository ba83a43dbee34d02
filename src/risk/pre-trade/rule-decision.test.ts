import { describe, expect, it } from 'vitest';
import { strategyId } from '../../core/ids.js';
import { deny, formatNumber, formatPercent, isDenied, toOrderDenied, ALLOWED } from './rule-decision.js';
import { testOrder } from './risk-view.fixture.js';

describe('rule decisions', () => {
  it('become an OrderDenied event with the rule, the message and the numbers', () => {
    const order = {
      ...testOrder({ symbol: 'AAPL', side: 'buy', type: 'market', quantity: 1250 }),
      strategyId: strategyId('s1'),
    };
    const denial = deny('max-order-notional', 'order notional 125000 exceeds max 100000', {
      notional: 125_000,
    });
    expect(toOrderDenied(denial, order, 42)).toEqual({
      type: 'OrderDenied',
      orderId: order.id,
      clientOrderId: order.clientOrderId,
      instrumentId: 'AAPL',
      strategyId: 's1',
      accountId: null,
      rule: 'max-order-notional',
      message: 'order notional 125000 exceeds max 100000',
      values: { notional: 125_000 },
      tsEvent: 42,
      tsInit: 42,
    });
    expect(isDenied(denial)).toBe(true);
    expect(isDenied(ALLOWED)).toBe(false);
  });

  it('format numbers to six significant digits and fractions as percentages', () => {
    expect(formatNumber(125_000)).toBe('125000');
    expect(formatNumber(1.8333333333)).toBe('1.83333');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(formatPercent(0.1234)).toBe('12.34%');
  });
});

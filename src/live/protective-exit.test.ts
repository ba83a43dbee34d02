import { describe, expect, it } from 'vitest';
import { instrumentId, positionId } from '../core/ids.js';
import type { Position } from '../model/position.types.js';
import { protectiveExit } from './protective-exit.js';

function position(quantity: number, averagePrice: number): Position {
  return {
    id: positionId('SPY'),
    accountId: null,
    instrumentId: instrumentId('SPY'),
    strategyId: null,
    side: quantity > 0 ? 'long' : quantity < 0 ? 'short' : 'flat',
    quantity,
    averagePrice,
    realizedPnl: 0,
    commissions: 0,
    tsOpened: 0,
    tsLast: 0,
  };
}

const config = { stopLossPercentage: 2, takeProfitPercentage: 5 };

describe('protectiveExit', () => {
  it('closes a long at entry × 0.98 or below and at entry × 1.05 or above', () => {
    expect(protectiveExit(position(10, 100), 98.01, config)).toBeNull();
    expect(protectiveExit(position(10, 100), 98, config)).toBe('stop_loss');
    expect(protectiveExit(position(10, 100), 104.99, config)).toBeNull();
    expect(protectiveExit(position(10, 100), 105, config)).toBe('take_profit');
  });

  it('mirrors the band for a short', () => {
    expect(protectiveExit(position(-10, 100), 102, config)).toBe('stop_loss');
    expect(protectiveExit(position(-10, 100), 101.99, config)).toBeNull();
    expect(protectiveExit(position(-10, 100), 95, config)).toBe('take_profit');
  });

  it('ignores flat or missing positions', () => {
    expect(protectiveExit(null, 50, config)).toBeNull();
    expect(protectiveExit(position(0, 100), 50, config)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { instrumentId } from '../../core/ids.js';
import type { ReplayBar } from './bar-replay.js';
import { quoteFromBar, tradeFromBar } from './bar-ticks.js';

const bar = (close: number): ReplayBar => ({
  instrumentId: instrumentId('A'),
  timeframe: '1m',
  tsEvent: 0,
  tsClose: 60_000,
  open: close,
  high: close,
  low: close,
  close,
  volume: 5,
});

describe('bar ticks', () => {
  it('quotes the close +/- half a spread rounded outwards to the cent', () => {
    // 2 bps of 320 is 0.064: half is 0.032, rounded outwards to 319.96 / 320.04.
    expect(quoteFromBar(bar(320))).toMatchObject({
      bidPrice: 319.96,
      askPrice: 320.04,
      bidSize: 100,
      tsEvent: 60_000,
    });
    // A cheap stock still gets a one-cent spread.
    expect(quoteFromBar(bar(12))).toMatchObject({ bidPrice: 11.99, askPrice: 12.01 });
    expect(quoteFromBar(bar(100), 50)).toMatchObject({ bidPrice: 99.75, askPrice: 100.25 });
  });

  it('prints a round lot at the close', () => {
    expect(tradeFromBar(bar(42.5))).toEqual({
      instrumentId: 'A',
      tsEvent: 60_000,
      tsInit: 60_000,
      price: 42.5,
      size: 100,
      aggressorSide: 'unknown',
      tradeId: 'A-60000',
    });
  });
});

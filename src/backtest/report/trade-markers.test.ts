import { describe, expect, it } from 'vitest';
import { instrumentId } from '../../core/ids.js';
import { makeTrade } from './tearsheet.fixture.js';
import { tradeMarkers } from './trade-markers.js';

const FROM = Date.UTC(2020, 0, 1);
const TO = Date.UTC(2020, 11, 31);

describe('tradeMarkers', () => {
  it('opens a long with a buy and closes it with a sell at the fill prices', () => {
    const { markers } = tradeMarkers([makeTrade()], 'ACME', FROM, TO);
    expect(markers).toEqual([
      {
        x: Date.UTC(2020, 0, 2),
        y: 10,
        side: 'buy',
        title: 'Buy 100 ACME @ 10.00 on 2020-01-02 (open long)',
      },
      {
        x: Date.UTC(2020, 0, 10),
        y: 12,
        side: 'sell',
        title: 'Sell 100 ACME @ 12.00 on 2020-01-10 (close long, P&L 198.00)',
      },
    ]);
  });

  it('opens a short with a sell and gives an open trade no exit marker', () => {
    const { markers } = tradeMarkers([makeTrade({ direction: 'short', open: true })], 'ACME', FROM, TO);
    expect(markers.map((m) => m.side)).toEqual(['sell']);
    const closed = tradeMarkers([makeTrade({ direction: 'short' })], 'ACME', FROM, TO).markers;
    expect(closed.map((m) => m.side)).toEqual(['sell', 'buy']);
  });

  it('marks only trades on the symbol, inside the drawn range, up to the cap', () => {
    const trades = [
      makeTrade(),
      makeTrade({ instrumentId: instrumentId('OTHER') }),
      makeTrade({ entryTs: Date.UTC(2019, 5, 1) }), // entry before the price series
      makeTrade({ exitPrice: Number.NaN }),
      makeTrade(),
      makeTrade(),
    ];
    const result = tradeMarkers(trades, 'ACME', FROM, TO, 4);
    expect(result.symbolTrades).toBe(5);
    expect(result.markedTrades).toBe(4);
    expect(result.markers.length).toBe(2 + 1 + 1 + 2);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import {
  accountId,
  clientOrderId,
  fillId,
  instrumentId,
  orderId,
  positionId,
  type InstrumentId,
} from '../core/ids.js';
import { unwrap } from '../core/result.js';
import { applyFillToAccount, createAccount, markAccount } from './account.js';
import { createFill } from './fill.js';
import type { Fill, OrderSide } from './order.types.js';
import { applyFillToPosition, emptyPosition } from './position.js';
import type { AccountState, Position } from './position.types.js';

const AAPL = instrumentId('AAPL');
const MSFT = instrumentId('MSFT');

function fill(
  instrument: InstrumentId,
  side: OrderSide,
  quantity: number,
  price: number,
  commission = 0,
): Fill {
  return unwrap(
    createFill({
      id: fillId('f'),
      orderId: orderId('o'),
      clientOrderId: clientOrderId('c'),
      instrumentId: instrument,
      side,
      quantity,
      price,
      commission,
      tsEvent: 10,
    }),
  );
}

function account(startingCash = 100_000, maxLeverage = 2): AccountState {
  return unwrap(createAccount({ id: accountId('acc'), currency: 'usd', startingCash, maxLeverage }));
}

function positionAfter(instrument: InstrumentId, fills: readonly Fill[]): Position {
  return fills.reduce(
    applyFillToPosition,
    emptyPosition({ id: positionId(`p-${instrument}`), instrumentId: instrument }, 0),
  );
}

describe('createAccount', () => {
  it('starts with cash as equity, no exposure and leverage-scaled buying power', () => {
    expect(account()).toEqual({
      id: 'acc',
      currency: 'USD',
      cash: 100_000,
      equity: 100_000,
      grossExposure: 0,
      buyingPower: 200_000,
      leverage: 0,
      maxLeverage: 2,
      tsLast: 0,
    });
  });

  it('defaults to a cash account without leverage', () => {
    const cash = unwrap(createAccount({ id: accountId('a'), currency: 'EUR', startingCash: 500 }));
    expect(cash).toMatchObject({ maxLeverage: 1, buyingPower: 500 });
  });

  it('refuses bad currency, starting cash, leverage and time, quoting the value', () => {
    const base = { id: accountId('a'), currency: 'USD', startingCash: 1 };
    const message = (result: ReturnType<typeof createAccount>): string => {
      expect(result.ok).toBe(false);
      if (result.ok) return '';
      expect(result.error).toBeInstanceOf(InvalidInputError);
      return result.error.message;
    };
    expect(message(createAccount({ ...base, currency: 'dollars' }))).toBe(
      'currency "dollars" must be a 3-5 letter ISO code',
    );
    expect(message(createAccount({ ...base, startingCash: -1 }))).toBe(
      'startingCash "-1" must be a finite number >= 0',
    );
    expect(message(createAccount({ ...base, maxLeverage: 0 }))).toBe(
      'maxLeverage "0" must be a finite number > 0',
    );
    expect(message(createAccount({ ...base, tsInit: Number.NaN }))).toBe(
      'tsInit "NaN" must be a finite epoch ms',
    );
  });
});

describe('applyFillToAccount', () => {
  it('pays for a buy and its commission, receives for a sell minus commission', () => {
    const afterBuy = applyFillToAccount(account(), fill(AAPL, 'buy', 100, 50, 1));
    expect(afterBuy).toMatchObject({ cash: 100_000 - 5000 - 1, tsLast: 10 });
    const afterSell = applyFillToAccount(afterBuy, fill(AAPL, 'sell', 40, 55, 1));
    expect(afterSell.cash).toBe(100_000 - 5001 + 2200 - 1);
  });
});

describe('markAccount', () => {
  it('values a long position: equity, gross exposure, leverage and buying power', () => {
    const buy = fill(AAPL, 'buy', 1000, 50);
    const marked = markAccount(
      applyFillToAccount(account(), buy),
      [positionAfter(AAPL, [buy])],
      new Map([[AAPL, 60]]),
      20,
    );
    expect(marked).toMatchObject({
      cash: 50_000,
      equity: 110_000,
      grossExposure: 60_000,
      buyingPower: 160_000,
      tsLast: 20,
    });
    expect(marked.leverage).toBeCloseTo(60_000 / 110_000, 12);
  });

  it('counts a short negative in equity and positive in gross exposure', () => {
    const buy = fill(AAPL, 'buy', 1000, 50);
    const sell = fill(MSFT, 'sell', 500, 100);
    const cash = applyFillToAccount(applyFillToAccount(account(), buy), sell);
    const positions = [positionAfter(AAPL, [buy]), positionAfter(MSFT, [sell])];
    const marked = markAccount(
      cash,
      positions,
      new Map([
        [AAPL, 50],
        [MSFT, 110],
      ]),
    );
    expect(marked.cash).toBe(100_000);
    expect(marked.equity).toBe(100_000 + 50_000 - 55_000);
    expect(marked.grossExposure).toBe(105_000);
    expect(marked.leverage).toBeCloseTo(105_000 / 95_000, 12);
    expect(marked.buyingPower).toBe(95_000 * 2 - 105_000);
  });

  it('floors buying power at zero and reports infinite leverage when equity is gone', () => {
    const buy = fill(AAPL, 'buy', 4000, 50);
    const levered = applyFillToAccount(account(100_000, 2), buy);
    const crash = markAccount(levered, [positionAfter(AAPL, [buy])], new Map([[AAPL, 20]]));
    expect(crash.equity).toBe(-100_000 + 80_000);
    expect(crash).toMatchObject({ buyingPower: 0, leverage: Number.POSITIVE_INFINITY });
    expect(markAccount(account(0), [], new Map()).leverage).toBe(0);
  });

  it('skips flat positions and needs a mark for every open one', () => {
    const roundTrip = positionAfter(AAPL, [fill(AAPL, 'buy', 10, 5), fill(AAPL, 'sell', 10, 5)]);
    expect(markAccount(account(), [roundTrip], new Map()).equity).toBe(100_000);
    const open = positionAfter(MSFT, [fill(MSFT, 'buy', 1, 5)]);
    expect(() => markAccount(account(), [open], new Map())).toThrow(
      'mark price undefined for instrument "MSFT" must be a finite number > 0',
    );
    expect(() => markAccount(account(), [open], new Map([[MSFT, Number.NaN]]))).toThrow(InvalidInputError);
  });
});

describe('value conservation', () => {
  const trade = fc.record({
    instrument: fc.constantFrom(AAPL, MSFT),
    side: fc.constantFrom<OrderSide>('buy', 'sell'),
    quantity: fc.integer({ min: 1, max: 500 }),
    mark: fc.double({ min: 1, max: 500, noNaN: true }),
  });

  it('keeps equity unchanged by fills at the mark price without commission', () => {
    fc.assert(
      fc.property(fc.array(trade, { maxLength: 30 }), (trades) => {
        let state = account(1_000_000, 4);
        const positions = new Map<InstrumentId, Position>([
          [AAPL, emptyPosition({ id: positionId('a'), instrumentId: AAPL }, 0)],
          [MSFT, emptyPosition({ id: positionId('m'), instrumentId: MSFT }, 0)],
        ]);
        const marks = new Map<InstrumentId, number>([
          [AAPL, 100],
          [MSFT, 200],
        ]);
        for (const t of trades) {
          marks.set(t.instrument, t.mark);
          const before = markAccount(state, positions.values(), marks).equity;
          const executed = fill(t.instrument, t.side, t.quantity, t.mark);
          state = applyFillToAccount(state, executed);
          positions.set(t.instrument, applyFillToPosition(positions.get(t.instrument)!, executed));
          const after = markAccount(state, positions.values(), marks).equity;
          expect(Math.abs(after - before)).toBeLessThanOrEqual(1e-9 * 1_000_000);
        }
      }),
      { numRuns: 200 },
    );
  });
});

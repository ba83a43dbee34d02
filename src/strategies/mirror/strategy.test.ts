import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../core/clock.js';
import { accountId, clientOrderId, instrumentId, orderId, positionId } from '../../core/ids.js';
import type { DisclosedTrade } from '../../model/disclosure.types.js';
import type { OrderCanceled, OrderFilled, OrderRejected } from '../../model/events.types.js';
import type { Order } from '../../model/order.types.js';
import type { AccountState, Position } from '../../model/position.types.js';
import type { StrategyContext, StrategyOrderRequest } from '../strategy-context.js';
import type { BarView } from '../strategy.js';
import { mirrorConfigSchema } from './config.js';
import { mirrorDefinition } from './definition.js';
import { MirrorStrategy } from './strategy.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

/** Records orders with the clock time they were sent at; the test sets positions, equity and the clock. */
class RecordingContext implements StrategyContext {
  readonly clock = new SimulatedClock(T0);
  readonly orders: (StrategyOrderRequest & { at: number; id: string })[] = [];
  readonly subscriptions: string[] = [];
  readonly logs: string[] = [];
  readonly held = new Map<string, number>();
  equity = 100_000;
  open: Order[] = [];
  subscribeBars(symbol: string, timeframe: string): void {
    this.subscriptions.push(`${symbol}:${timeframe}`);
  }
  submitOrder(request: StrategyOrderRequest): Order {
    const id = `o${this.orders.length + 1}`;
    this.orders.push({ ...request, at: this.clock.now(), id });
    const order = {
      id: orderId(id),
      clientOrderId: clientOrderId(`c-${id}`),
      instrumentId: request.symbol,
    } as Order;
    this.open.push(order);
    return order;
  }
  cancelOrder(): void {}
  replaceOrder(): void {}
  position(symbol: string): Position | null {
    const quantity = this.held.get(symbol) ?? 0;
    if (quantity === 0) return null;
    return { id: positionId(symbol), instrumentId: instrumentId(symbol), quantity } as Position;
  }
  positions(): readonly Position[] {
    return [];
  }
  openOrders(symbol?: string): readonly Order[] {
    return this.open.filter((o) => symbol === undefined || (o.instrumentId as string) === symbol);
  }
  account(): AccountState {
    return { id: accountId('a'), equity: this.equity } as AccountState;
  }
  log(message: string): void {
    this.logs.push(message);
  }
  /** The venue filled every open order at once. */
  fillAll(strategy: MirrorStrategy): void {
    const filled = this.open;
    this.open = [];
    for (const order of filled) {
      const request = this.orders.find((o) => o.id === (order.id as string));
      if (request === undefined) throw new Error('unknown order');
      const signed = request.side === 'buy' ? request.quantity : -request.quantity;
      this.held.set(request.symbol, (this.held.get(request.symbol) ?? 0) + signed);
      strategy.onOrderFilled({ type: 'OrderFilled', orderId: order.id } as OrderFilled);
    }
  }
}

function disclosure(overrides: Partial<DisclosedTrade> = {}): DisclosedTrade {
  return {
    filer: { name: 'Jane Doe', cik: '0000000001' },
    role: 'officer',
    symbol: 'AAA',
    side: 'buy',
    quantity: 20_000,
    price: 50,
    value: 1_000_000,
    transactionDate: T0,
    publishedAt: T0 + 2 * DAY + 15 * 3_600_000,
    source: 'form4',
    accessionNumber: '0000000001-24-000001',
    sharesOwnedAfter: null,
    ...overrides,
  };
}

function setup(disclosures: DisclosedTrade[], params: Record<string, unknown> = {}) {
  const config = mirrorConfigSchema.parse({ symbols: ['AAA', 'BBB'], ...params });
  const strategy = new MirrorStrategy(config, disclosures);
  const context = new RecordingContext();
  strategy.start(context);
  /** Daily bar `day` of `symbol` (open at T0 + day), handed over at its close, as the engine does. */
  const bar = (symbol: string, day: number, close = 50): void => {
    const closeTs = T0 + (day + 1) * DAY;
    if (context.clock.now() < closeTs) context.clock.advanceTo(closeTs);
    const view: BarView = {
      symbol,
      tsEvent: T0 + day * DAY,
      open: close,
      high: close,
      low: close,
      close,
      volume: 1,
    };
    strategy.onBar(view);
  };
  return { strategy, context, bar };
}

describe('mirror strategy', () => {
  it('subscribes to every symbol of its universe', () => {
    const { context } = setup([disclosure()]);
    expect(context.subscriptions).toEqual(['AAA:1d', 'BBB:1d']);
    expect(context.logs).toEqual(['mirror: disclosures loaded']);
  });

  it('never trades a mirrored filing before its publication time', () => {
    // Transaction on day 0; accepted on day 2 at 15:00 UTC; day 2's bar closes at T0 + 3 days.
    const { context, bar } = setup([disclosure()]);
    bar('AAA', 0);
    bar('AAA', 1);
    expect(context.orders).toEqual([]);
    bar('AAA', 2);
    expect(context.orders).toHaveLength(1);
    const order = context.orders[0];
    expect(order?.at).toBe(T0 + 3 * DAY);
    expect(order?.at).toBeGreaterThanOrEqual(disclosure().publishedAt);
  });

  it('acts at the first bar whose close is at or after publication, not at the transaction date', () => {
    const publishedAt = T0 + 3 * DAY; // exactly day 2's close
    const { context, bar } = setup([disclosure({ publishedAt })]);
    bar('AAA', 1);
    expect(context.orders).toEqual([]);
    bar('AAA', 2);
    expect(context.orders[0]?.at).toBe(publishedAt);
  });

  it('sizes by conviction: $1M trade, stake unknown, alone -> 5% of equity', () => {
    // conviction = sqrt(1e6 / 1e6) x (1 + 0) x (1 + 0.5 x 0) = 1 -> 5% of 100,000 = 5,000 / 50 = 100 units
    const { context, bar } = setup([disclosure()]);
    bar('AAA', 2);
    expect(context.orders[0]).toMatchObject({ symbol: 'AAA', side: 'buy', type: 'market', quantity: 100 });
  });

  it('weighs the share of the stake a trade moves', () => {
    // 20,000 bought, 80,000 held after: stakeShare 0.25 -> conviction 1.25 -> 6.25% -> 6,250 / 50 = 125
    const { context, bar } = setup([disclosure({ sharesOwnedAfter: 80_000 })]);
    bar('AAA', 2);
    expect(context.orders[0]?.quantity).toBe(125);
  });

  it('caps conviction and the position share', () => {
    // value 9M: sqrt(9) = 3 -> capped at maxConviction 2 -> 10%; maxPositionPercent 8 caps it at 8% -> 160
    const big = disclosure({ quantity: 180_000, value: 9_000_000 });
    const capped = setup([big], { maxPositionPercent: 8 });
    capped.bar('AAA', 2);
    expect(capped.context.orders[0]?.quantity).toBe(160);
    const fractional = setup([disclosure({ value: 250_000, quantity: 5_000 })], { fractional: true });
    fractional.bar('AAA', 2, 30);
    // sqrt(0.25) = 0.5 -> 2.5% of 100,000 = 2,500 / 30 units
    expect(fractional.context.orders[0]?.quantity).toBeCloseTo(2500 / 30, 12);
  });

  it('adds to a position when a second insider buys within the cluster window', () => {
    const second = disclosure({
      filer: { name: 'John Roe', cik: '0000000002' },
      publishedAt: T0 + 5 * DAY + 3_600_000,
      accessionNumber: '0000000002-24-000001',
    });
    const { strategy, context, bar } = setup([disclosure(), second]);
    bar('AAA', 2);
    context.fillAll(strategy);
    bar('AAA', 3);
    bar('AAA', 4);
    expect(context.orders).toHaveLength(1);
    bar('AAA', 5);
    // Two filers within 30 days: conviction 1 x 1 x (1 + 0.5) = 1.5 -> 7.5% -> 150 units; 100 held -> buy 50.
    expect(context.orders[1]).toMatchObject({ side: 'buy', quantity: 50, at: T0 + 6 * DAY });
  });

  it('exits when a followed filer sells, whatever the size of the sale', () => {
    const sale = disclosure({
      side: 'sell',
      quantity: 10,
      value: 500,
      publishedAt: T0 + 6 * DAY,
      accessionNumber: '0000000001-24-000002',
    });
    const { strategy, context, bar } = setup([disclosure(), sale]);
    bar('AAA', 2);
    context.fillAll(strategy);
    bar('AAA', 3);
    bar('AAA', 4);
    expect(context.orders).toHaveLength(1);
    bar('AAA', 5); // closes at T0 + 6 days = the sale's publication
    expect(context.orders[1]).toMatchObject({ side: 'sell', quantity: 100, at: T0 + 6 * DAY });
  });

  it('ignores a sale by a filer it does not follow', () => {
    const other = disclosure({
      filer: { name: 'Other', cik: '0000000009' },
      side: 'sell',
      publishedAt: T0 + 4 * DAY,
      accessionNumber: '0000000009-24-000001',
    });
    const { strategy, context, bar } = setup([disclosure(), other]);
    bar('AAA', 2);
    context.fillAll(strategy);
    for (let day = 3; day < 10; day++) bar('AAA', day);
    expect(context.orders).toHaveLength(1);
  });

  it('exits after the holding period, counted in bars of the symbol', () => {
    const { strategy, context, bar } = setup([disclosure()], { holdingBars: 3 });
    bar('AAA', 2); // entry decided: exit due 3 bars later
    context.fillAll(strategy);
    bar('AAA', 3);
    bar('BBB', 3); // another symbol's bar does not count
    bar('AAA', 4);
    expect(context.orders).toHaveLength(1);
    bar('AAA', 5);
    expect(context.orders[1]).toMatchObject({ side: 'sell', quantity: 100 });
  });

  it('filters by role and minimum value', () => {
    const director = disclosure({ role: 'director' });
    const institution = disclosure({
      role: 'institution',
      source: '13f',
      accessionNumber: '0000000001-24-000009',
    });
    const small = disclosure({ quantity: 1_000, value: 50_000, accessionNumber: '0000000001-24-000003' });
    const officersOnly = setup([director], { roles: ['officer'] });
    officersOnly.bar('AAA', 2);
    expect(officersOnly.context.orders).toEqual([]);
    const byDefault = setup([institution]);
    byDefault.bar('AAA', 2);
    expect(byDefault.context.orders).toEqual([]); // institutions are not mirrored unless asked
    const withInstitutions = setup([institution], { roles: ['institution'] });
    withInstitutions.bar('AAA', 2);
    expect(withInstitutions.context.orders).toHaveLength(1);
    const tooSmall = setup([small]);
    tooSmall.bar('AAA', 2);
    expect(tooSmall.context.orders).toEqual([]);
    const lowered = setup([small], { minimumValue: 50_000 });
    lowered.bar('AAA', 2);
    expect(lowered.context.orders).toHaveLength(1);
  });

  it('only trades symbols of its universe', () => {
    const { context, bar } = setup([disclosure({ symbol: 'ZZZ' })]);
    bar('AAA', 2);
    bar('BBB', 2);
    expect(context.orders).toEqual([]);
  });

  it('mirrors sales as shorts only when asked', () => {
    const sale = disclosure({ side: 'sell' });
    const longOnly = setup([sale]);
    longOnly.bar('AAA', 2);
    expect(longOnly.context.orders).toEqual([]);
    const both = setup([sale], { mirrorSales: true });
    both.bar('AAA', 2);
    expect(both.context.orders[0]).toMatchObject({ side: 'sell', quantity: 100 });
  });

  it('closes a long before following an opposite signal from another filer', () => {
    const shortSignal = disclosure({
      filer: { name: 'Other', cik: '0000000009' },
      side: 'sell',
      publishedAt: T0 + 4 * DAY,
      accessionNumber: '0000000009-24-000001',
    });
    const { strategy, context, bar } = setup([disclosure(), shortSignal], { mirrorSales: true });
    bar('AAA', 2);
    context.fillAll(strategy);
    bar('AAA', 3); // the sale is public at day 3's close
    expect(context.orders[1]).toMatchObject({ side: 'sell', quantity: 100 });
    context.fillAll(strategy);
    bar('AAA', 4);
    expect(context.orders[2]).toMatchObject({ side: 'sell', quantity: 100 });
  });

  it('sends no second order while one is working, and frees the symbol when it is rejected', () => {
    const second = disclosure({
      filer: { name: 'John Roe', cik: '0000000002' },
      publishedAt: T0 + 4 * DAY,
      accessionNumber: '0000000002-24-000001',
    });
    const { strategy, context, bar } = setup([disclosure(), second]);
    bar('AAA', 2);
    bar('AAA', 3);
    expect(context.orders).toHaveLength(1);
    context.open = [];
    strategy.onOrderRejected({ type: 'OrderRejected', orderId: orderId('o1') } as OrderRejected);
    bar('AAA', 4);
    // The pending signal (two filers: conviction 1.5 -> 150 units) is acted on once the symbol is free.
    expect(context.orders[1]).toMatchObject({ side: 'buy', quantity: 150 });
  });

  it("forgets a filer whose entry never filled, so its later sale does not close another filer's position", () => {
    const other = disclosure({
      filer: { name: 'John Roe', cik: '0000000002' },
      publishedAt: T0 + 4 * DAY,
      accessionNumber: '0000000002-24-000001',
    });
    const sale = disclosure({
      side: 'sell',
      publishedAt: T0 + 6 * DAY,
      accessionNumber: '0000000001-24-000002',
    });
    const { strategy, context, bar } = setup([disclosure(), other, sale], { clusterDays: 0 });
    bar('AAA', 2); // Jane's purchase: order o1
    context.open = [];
    strategy.onOrderCanceled({ type: 'OrderCanceled', orderId: orderId('o1') } as OrderCanceled);
    bar('AAA', 3); // John's purchase is public at this close (alone: clusterDays 0) -> 100 units
    expect(context.orders[1]).toMatchObject({ side: 'buy', quantity: 100, at: T0 + 4 * DAY });
    context.fillAll(strategy);
    bar('AAA', 4);
    bar('AAA', 5); // Jane's sale is public: her entry never filled, so she is not behind this position
    bar('AAA', 6);
    expect(context.orders).toHaveLength(2);
  });

  it('skips filings published before its first bar opened', () => {
    const old = disclosure({ publishedAt: T0 + 2 * DAY, accessionNumber: '0000000001-24-000005' });
    const fresh = disclosure({
      filer: { name: 'John Roe', cik: '0000000002' },
      publishedAt: T0 + 10 * DAY,
      accessionNumber: '0000000002-24-000005',
    });
    const { context, bar } = setup([old, fresh]);
    bar('AAA', 5); // first bar opens at T0 + 5 days, after the old filing
    bar('AAA', 6);
    expect(context.orders).toEqual([]);
    bar('AAA', 9);
    // Only John's filing counts: alone, conviction 1 -> 100 units (no cluster with the skipped one).
    expect(context.orders).toEqual([
      expect.objectContaining({ side: 'buy', quantity: 100, at: T0 + 10 * DAY }),
    ]);
  });

  it('sends nothing when the target is less than one unit', () => {
    // $100,000 trade: conviction sqrt(0.1) = 0.316 -> 1.58% of 100,000 = 1,581 < one unit at 5,000
    const { context, bar } = setup([disclosure({ quantity: 20, price: 5000, value: 100_000 })]);
    bar('AAA', 2, 5000);
    bar('AAA', 3, 5000);
    expect(context.orders).toEqual([]);
  });

  it('refuses to start without disclosures, saying it never invents trades', () => {
    const config = mirrorConfigSchema.parse({ symbols: ['AAA'] });
    expect(() => new MirrorStrategy(config, [])).toThrow('never invents trades');
    const universe = { symbols: ['AAA'], timeframe: '1d' as const };
    expect(() => mirrorDefinition.create({}, universe)).toThrow('inputs.disclosures');
    expect(() => mirrorDefinition.create({}, universe, { disclosures: [] })).toThrow('never invents trades');
    expect(() =>
      mirrorDefinition.create({}, universe, { disclosures: [{ ...disclosure(), quantity: -5 }] }),
    ).toThrow('inputs.disclosures[0] quantity "-5": quantity must be a finite number > 0');
  });

  it('builds from the definition with the universe as symbols', () => {
    const strategy = mirrorDefinition.create(
      { holdingBars: 5 },
      { symbols: ['AAA', 'BBB'], timeframe: '1d' },
      { disclosures: [disclosure()] },
    );
    expect(strategy.name).toBe('mirror');
    expect(mirrorDefinition.style).toBe('event');
    expect(mirrorDefinition.parametersJsonSchema()).toMatchObject({
      properties: { holdingBars: { default: 20, minimum: 1 } },
    });
    expect(() =>
      mirrorDefinition.create(
        { positionPercent: 20 },
        { symbols: ['AAA'], timeframe: '1d' },
        { disclosures: [] },
      ),
    ).toThrow('positionPercent must not exceed maxPositionPercent');
  });
});

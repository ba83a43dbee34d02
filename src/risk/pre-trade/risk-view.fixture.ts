import { accountId, instrumentId, orderId, positionId, type InstrumentId } from '../../core/ids.js';
import { createInstrument, type Instrument, type InstrumentInit } from '../../model/instrument.js';
import { createOrder } from '../../model/order.js';
import type { Order, OrderRequest } from '../../model/order.types.js';
import { positionSide } from '../../model/position.js';
import type { AccountState, Position } from '../../model/position.types.js';
import type { RiskView } from './risk-view.types.js';

/** A held position for a test view: signed quantity, mark price (the last price) and entry price. */
export interface TestHolding {
  readonly quantity: number;
  readonly price: number;
  readonly averagePrice?: number;
}

export interface TestViewInit {
  readonly now?: number;
  readonly cash: number;
  readonly holdings?: Readonly<Record<string, TestHolding>>;
  /** Last prices of instruments not held. */
  readonly prices?: Readonly<Record<string, number>>;
  readonly openOrders?: readonly Order[];
  readonly closes?: Readonly<Record<string, Float64Array>>;
  /** Instrument data; any symbol not listed is an equity with tick 0.01 and lot 1. */
  readonly instruments?: readonly InstrumentInit[];
  readonly unknownInstruments?: readonly string[];
}

/**
 * A RiskView over plain data for tests and benchmarks: account figures follow the definitions of
 * model/account.ts (equity = cash + Σ q·p, gross = Σ |q|·p). Fields may be changed between checks through
 * the setters, which keep the account consistent.
 */
export class TestRiskView implements RiskView {
  time: number;
  cash: number;
  private readonly positionList: Position[] = [];
  private readonly positionIndex = new Map<InstrumentId, number>();
  private readonly prices = new Map<InstrumentId, number>();
  private readonly instruments = new Map<InstrumentId, Instrument>();
  private readonly unknown: ReadonlySet<string>;
  private readonly closeSeries = new Map<InstrumentId, Float64Array>();
  orders: readonly Order[];

  constructor(init: TestViewInit) {
    this.time = init.now ?? Date.UTC(2024, 0, 2, 15);
    this.cash = init.cash;
    this.orders = init.openOrders ?? [];
    this.unknown = new Set(init.unknownInstruments ?? []);
    for (const instrument of init.instruments ?? []) {
      const created = createInstrument(instrument);
      this.instruments.set(created.id, created);
    }
    for (const [symbol, price] of Object.entries(init.prices ?? {}))
      this.prices.set(instrumentId(symbol), price);
    for (const [symbol, holding] of Object.entries(init.holdings ?? {})) this.hold(symbol, holding);
    for (const [symbol, closes] of Object.entries(init.closes ?? {}))
      this.closeSeries.set(instrumentId(symbol), closes);
  }

  /** Sets (or replaces) a holding: a new Position object, as a fill would make. */
  hold(symbol: string, holding: TestHolding): void {
    const id = instrumentId(symbol);
    const position: Position = {
      id: positionId(`P-${symbol}`),
      accountId: accountId('test'),
      instrumentId: id,
      strategyId: null,
      side: positionSide(holding.quantity),
      quantity: holding.quantity,
      averagePrice: holding.averagePrice ?? holding.price,
      realizedPnl: 0,
      commissions: 0,
      tsOpened: 0,
      tsLast: this.time,
    };
    const index = this.positionIndex.get(id);
    if (index === undefined) {
      this.positionIndex.set(id, this.positionList.length);
      this.positionList.push(position);
    } else {
      this.positionList[index] = position;
    }
    this.prices.set(id, holding.price);
  }

  setPrice(symbol: string, price: number): void {
    this.prices.set(instrumentId(symbol), price);
  }

  /** Forgets the last price (a position never marked). */
  clearPrice(symbol: string): void {
    this.prices.delete(instrumentId(symbol));
  }

  /** Adds a second position object for a held instrument, as a view that lists positions per strategy. */
  addStrategyPosition(symbol: string, quantity: number): void {
    const held = this.position(instrumentId(symbol));
    if (held === null) throw new Error(`${symbol} is not held`);
    this.positionList.push({
      ...held,
      id: positionId(`P-${symbol}-2`),
      quantity,
      side: positionSide(quantity),
    });
  }

  now(): number {
    return this.time;
  }

  account(): AccountState {
    let value = 0;
    let gross = 0;
    for (const position of this.positionList) {
      const price = this.prices.get(position.instrumentId) ?? position.averagePrice;
      value += position.quantity * price;
      gross += Math.abs(position.quantity) * price;
    }
    const equity = this.cash + value;
    return {
      id: accountId('test'),
      currency: 'USD',
      cash: this.cash,
      equity,
      grossExposure: gross,
      buyingPower: Math.max(0, equity * 4 - gross),
      leverage: equity > 0 ? gross / equity : Infinity,
      maxLeverage: 4,
      tsLast: this.time,
    };
  }

  position(id: InstrumentId): Position | null {
    const index = this.positionIndex.get(id);
    return index === undefined ? null : (this.positionList[index] as Position);
  }

  positions(): readonly Position[] {
    return this.positionList;
  }

  lastPrice(id: InstrumentId): number | null {
    return this.prices.get(id) ?? null;
  }

  openOrders(): readonly Order[] {
    return this.orders;
  }

  closes(id: InstrumentId): Float64Array | null {
    return this.closeSeries.get(id) ?? null;
  }

  instrument(id: InstrumentId): Instrument | null {
    if (this.unknown.has(id)) return null;
    let instrument = this.instruments.get(id);
    if (instrument === undefined) {
      instrument = createInstrument({ symbol: id });
      this.instruments.set(id, instrument);
    }
    return instrument;
  }
}

let sequence = 0;

/** A validated order in status `new` (or the given status, for open orders), with a fresh id. */
export function testOrder(
  request: Omit<OrderRequest, 'instrumentId'> & { readonly symbol: string },
  status: Order['status'] = 'new',
): Order {
  const { symbol, ...rest } = request;
  sequence++;
  const created = createOrder(
    { ...rest, instrumentId: instrumentId(symbol) },
    { id: orderId(`T-${sequence}`) },
    0,
  );
  if (!created.ok) throw created.error;
  return { ...created.value, status };
}

import { InvalidInputError } from '../../core/errors.js';
import { compareByPublication } from '../../model/disclosed-trade-schema.js';
import type { DisclosedTrade, FilerRole } from '../../model/disclosure.types.js';
import type { OrderCanceled, OrderDenied, OrderFilled, OrderRejected } from '../../model/events.types.js';
import type { StrategyContext } from '../strategy-context.js';
import { Strategy, type BarView } from '../strategy.js';
import { ClusterWindow } from './cluster-window.js';
import type { MirrorConfig } from './config.js';
import { conviction } from './conviction.js';

const DAY_MS = 86_400_000;

interface Backer {
  readonly side: number;
  readonly index: number;
}

/**
 * Mirrors disclosed insider and institutional trades (README.md). A disclosure exists for the strategy only
 * once the engine clock has reached its `publishedAt` (the filing's acceptance time): on each bar the
 * strategy moves a cursor through the publication-sorted list up to the clock, so it never acts on the
 * earlier transaction date and does O(1) amortized work per bar. A qualifying disclosure (role, value,
 * side) becomes a signal for its symbol, acted on at that symbol's next bar close with a market order
 * (filled per the engine's fill timing, next open by default). The position is closed after `holdingBars`
 * bars of the symbol (a new same-side signal restarts the count) or as soon as a filer behind it trades the
 * other way. Disclosures published before the first bar opened are skipped as history. It never trades
 * without disclosures: the constructor refuses an empty list.
 */
export class MirrorStrategy extends Strategy {
  readonly name = 'mirror';
  private readonly symbols: readonly string[];
  private readonly index: ReadonlyMap<string, number>;
  private readonly roles: ReadonlySet<FilerRole>;
  private readonly events: readonly DisclosedTrade[];
  private readonly outside: number;
  private cursor = 0;
  private started = false;
  /** Per symbol: bars seen, the bar count at which the position ends, the pending signal, order state. */
  private readonly bars: Float64Array;
  private readonly exitAt: Float64Array;
  private readonly signal: Int8Array;
  private readonly signalConviction: Float64Array;
  private readonly exitSignal: Uint8Array;
  private readonly working: Uint8Array;
  /**
   * Per symbol: the filers behind the position or the pending signal, CIK -> side (+1 buy, -1 sell) and the
   * index in `events` of the disclosure that added them.
   */
  private readonly filers: Map<string, Backer>[];
  /** Per symbol: the cursor when the working order was sent (filers added before it are behind that order). */
  private readonly sentAt: Float64Array;
  private readonly clusters: { readonly buy: ClusterWindow; readonly sell: ClusterWindow }[];
  private readonly orderSymbol = new Map<string, number>();

  constructor(
    private readonly config: MirrorConfig,
    disclosures: readonly DisclosedTrade[],
  ) {
    super();
    if (disclosures.length === 0) {
      throw new InvalidInputError(
        'mirror needs disclosed trades to follow and got none: it never invents trades. Pass a disclosures file, ' +
          'filings fetched from EDGAR, or the synthetic disclosure stream',
      );
    }
    this.symbols = config.symbols.map((s) => s.toUpperCase());
    this.index = new Map(this.symbols.map((s, i) => [s, i]));
    this.roles = new Set(config.roles);
    this.events = disclosures.filter((d) => this.index.has(d.symbol)).sort(compareByPublication);
    this.outside = disclosures.length - this.events.length;
    const n = this.symbols.length;
    this.bars = new Float64Array(n);
    this.exitAt = new Float64Array(n);
    this.signal = new Int8Array(n);
    this.signalConviction = new Float64Array(n);
    this.exitSignal = new Uint8Array(n);
    this.working = new Uint8Array(n);
    this.filers = this.symbols.map(() => new Map<string, Backer>());
    this.sentAt = new Float64Array(n);
    const windowMs = config.clusterDays * DAY_MS;
    this.clusters = this.symbols.map(() => ({
      buy: new ClusterWindow(windowMs),
      sell: new ClusterWindow(windowMs),
    }));
  }

  override onStart(context: StrategyContext): void {
    for (const symbol of this.symbols) context.subscribeBars(symbol, this.config.timeframe);
    context.log('mirror: disclosures loaded', {
      inUniverse: this.events.length,
      outsideUniverse: this.outside,
    });
  }

  override onBar(bar: BarView): void {
    const now = this.ctx.clock.now();
    const events = this.events;
    if (!this.started) {
      // Filings public before the first bar opened are history, not news: a backtest starting in 2020 does
      // not buy on a 2015 filing at its first bar.
      this.started = true;
      while (
        this.cursor < events.length &&
        (events[this.cursor] as DisclosedTrade).publishedAt < bar.tsEvent
      ) {
        this.cursor++;
      }
    }
    while (this.cursor < events.length && (events[this.cursor] as DisclosedTrade).publishedAt <= now) {
      this.receive(events[this.cursor] as DisclosedTrade);
      this.cursor++;
    }
    const i = this.index.get(bar.symbol);
    if (i === undefined) return;
    this.bars[i] = (this.bars[i] as number) + 1;
    if (this.working[i] === 1) return;
    this.act(i, bar.close);
  }

  override onOrderFilled(event: OrderFilled): void {
    this.settle(event.orderId, false);
  }

  override onOrderCanceled(event: OrderCanceled): void {
    this.settle(event.orderId, true);
  }

  override onOrderRejected(event: OrderRejected | OrderDenied): void {
    this.settle(event.orderId, true);
  }

  /** A disclosure just became public: record exits and signals; orders wait for the symbol's bar. */
  private receive(trade: DisclosedTrade): void {
    const i = this.index.get(trade.symbol) as number;
    const direction = trade.side === 'buy' ? 1 : -1;
    const filers = this.filers[i] as Map<string, Backer>;
    if (filers.get(trade.filer.cik)?.side === -direction) {
      // A filer we followed reversed: leave, whatever the size or role of this trade.
      this.exitSignal[i] = 1;
      this.signal[i] = 0;
      filers.clear();
    }
    const qualifies =
      this.roles.has(trade.role) &&
      trade.value >= this.config.minimumValue &&
      (direction === 1 || this.config.mirrorSales);
    if (!qualifies) return;
    const cluster = (this.clusters[i] as { buy: ClusterWindow; sell: ClusterWindow })[trade.side];
    const strength = conviction(trade, cluster.add(trade.filer.cik, trade.publishedAt), this.config);
    if (this.signal[i] === direction) {
      this.signalConviction[i] = Math.max(this.signalConviction[i] as number, strength);
    } else {
      this.signal[i] = direction;
      this.signalConviction[i] = strength;
    }
    filers.set(trade.filer.cik, { side: direction, index: this.cursor });
  }

  private act(i: number, close: number): void {
    const symbol = this.symbols[i] as string;
    const held = this.ctx.position(symbol)?.quantity ?? 0;
    const filers = this.filers[i] as Map<string, Backer>;
    if (this.exitSignal[i] === 1) {
      this.exitSignal[i] = 0;
      if (held !== 0) {
        this.close(i, held);
        return;
      }
    }
    const direction = this.signal[i] as number;
    if (direction !== 0) {
      if (held !== 0 && Math.sign(held) !== direction) {
        // The other side is now signalled: close first, enter on a later bar (the signal stays pending).
        for (const [cik, backer] of filers) if (backer.side !== direction) filers.delete(cik);
        this.close(i, held);
        return;
      }
      this.signal[i] = 0;
      this.exitAt[i] = (this.bars[i] as number) + this.config.holdingBars;
      const add = this.targetQuantity(this.signalConviction[i] as number, close) - Math.abs(held);
      if (add > 0) this.send(i, direction === 1 ? 'buy' : 'sell', add);
      else if (held === 0) filers.clear(); // too small to buy one unit: nobody is behind a position
      return;
    }
    if (held !== 0 && (this.bars[i] as number) >= (this.exitAt[i] as number)) {
      filers.clear();
      this.close(i, held);
    }
  }

  /** Units for `percent = min(max, positionPercent x conviction)` of equity at `price`. */
  private targetQuantity(strength: number, price: number): number {
    const percent = Math.min(this.config.maxPositionPercent, this.config.positionPercent * strength);
    const units = (this.ctx.account().equity * percent) / 100 / price;
    return this.config.fractional ? units : Math.floor(units);
  }

  private close(i: number, held: number): void {
    this.send(i, held > 0 ? 'sell' : 'buy', Math.abs(held));
  }

  private send(i: number, side: 'buy' | 'sell', quantity: number): void {
    this.working[i] = 1;
    this.sentAt[i] = this.cursor;
    const order = this.ctx.submitOrder({
      symbol: this.symbols[i] as string,
      side,
      type: 'market',
      quantity,
      timeInForce: 'gtc',
    });
    this.orderSymbol.set(order.id, i);
  }

  /** The order is done (filled, or `failed`: canceled or rejected); the symbol may trade again. */
  private settle(orderId: string, failed: boolean): void {
    const i = this.orderSymbol.get(orderId);
    if (i === undefined) return;
    const symbol = this.symbols[i] as string;
    if (this.ctx.openOrders(symbol).length > 0) return;
    this.orderSymbol.delete(orderId);
    this.working[i] = 0;
    if (failed && (this.ctx.position(symbol)?.quantity ?? 0) === 0) {
      // An entry that never filled: the filers it was sent for are behind nothing (later ones stay).
      const filers = this.filers[i] as Map<string, Backer>;
      for (const [cik, backer] of filers) if (backer.index < (this.sentAt[i] as number)) filers.delete(cik);
    }
  }
}

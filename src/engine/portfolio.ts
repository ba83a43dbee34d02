import { positionId, type InstrumentId } from '../core/ids.js';
import { InvalidInputError, quote } from '../core/errors.js';
import { applyFillToAccount } from '../model/account.js';
import type { Fill } from '../model/order.types.js';
import { applyFillToPosition, emptyPosition } from '../model/position.js';
import type { AccountState, Position } from '../model/position.types.js';

/** Per-instrument book entry: the position and the last mark price. */
interface Holding {
  position: Position;
  mark: number;
}

/**
 * Cash, positions and marks of one account, kept current in O(1) per event so the engine can mark to market
 * on every bar without allocating: `positionsValue` (Σ quantity × mark) and `grossExposure` (Σ |quantity| ×
 * mark) are updated incrementally by `mark` and recomputed exactly on every fill (bounding rounding drift). Positions net per instrument (long and short);
 * fractional quantities are allowed (the instrument's lot size is enforced where orders are created).
 */
export class Portfolio {
  private accountState: AccountState;
  private readonly holdings = new Map<InstrumentId, Holding>();
  private positionsValue = 0;
  private exposure = 0;
  private feesPaid = 0;

  constructor(account: AccountState) {
    this.accountState = account;
  }

  /** Books a fill: cash moves by the signed notional and commission; the position nets (VWAP entry, realized P&L). */
  applyFill(fill: Fill): Position {
    const holding = this.holdingFor(fill.instrumentId, fill.price, fill.tsEvent);
    this.remove(holding);
    holding.position = applyFillToPosition(holding.position, fill);
    // A fill is also a fresh price for the instrument.
    holding.mark = fill.price;
    this.add(holding);
    this.accountState = applyFillToAccount(this.accountState, fill);
    this.feesPaid += fill.commission;
    this.resync();
    return holding.position;
  }

  /** Updates an instrument's mark price (e.g. the bar's close). Ignored for instruments never traded. */
  mark(instrumentId: InstrumentId, price: number): void {
    const holding = this.holdings.get(instrumentId);
    if (holding === undefined) return;
    if (!(price > 0) || !Number.isFinite(price)) {
      throw new InvalidInputError(
        `mark price ${quote(price)} for ${quote(instrumentId)} must be a finite number > 0`,
      );
    }
    this.remove(holding);
    holding.mark = price;
    this.add(holding);
  }

  get cash(): number {
    return this.accountState.cash;
  }

  /** cash + Σ quantity × mark. */
  get equity(): number {
    return this.accountState.cash + this.positionsValue;
  }

  /** Σ |quantity| × mark. */
  get grossExposure(): number {
    return this.exposure;
  }

  get totalFees(): number {
    return this.feesPaid;
  }

  /** The account marked at the current marks. */
  account(): AccountState {
    const equity = this.equity;
    const gross = this.exposure;
    const leverage = equity > 0 ? gross / equity : gross > 0 ? Number.POSITIVE_INFINITY : 0;
    return {
      ...this.accountState,
      equity,
      grossExposure: gross,
      leverage,
      buyingPower: Math.max(0, equity * this.accountState.maxLeverage - gross),
    };
  }

  position(instrumentId: InstrumentId): Position | null {
    return this.holdings.get(instrumentId)?.position ?? null;
  }

  positions(): Position[] {
    return [...this.holdings.values()].map((h) => h.position);
  }

  markPrice(instrumentId: InstrumentId): number | null {
    return this.holdings.get(instrumentId)?.mark ?? null;
  }

  /** Realized P&L (net of commissions) summed over instruments. */
  realizedPnl(): number {
    let total = 0;
    for (const h of this.holdings.values()) total += h.position.realizedPnl;
    return total;
  }

  /** Unrealized P&L at the current marks. */
  unrealizedPnl(): number {
    let total = 0;
    for (const h of this.holdings.values()) total += h.position.quantity * (h.mark - h.position.averagePrice);
    return total;
  }

  /** Recomputes the running sums exactly; fills are rare, so this bounds rounding drift cheaply. */
  private resync(): void {
    this.positionsValue = 0;
    this.exposure = 0;
    for (const h of this.holdings.values()) this.add(h);
  }

  private holdingFor(instrumentId: InstrumentId, price: number, ts: number): Holding {
    let holding = this.holdings.get(instrumentId);
    if (holding === undefined) {
      holding = {
        position: emptyPosition(
          { id: positionId(instrumentId), instrumentId, accountId: this.accountState.id },
          ts,
        ),
        mark: price,
      };
      this.holdings.set(instrumentId, holding);
    }
    return holding;
  }

  private remove(h: Holding): void {
    this.positionsValue -= h.position.quantity * h.mark;
    this.exposure -= Math.abs(h.position.quantity) * h.mark;
  }

  private add(h: Holding): void {
    this.positionsValue += h.position.quantity * h.mark;
    this.exposure += Math.abs(h.position.quantity) * h.mark;
  }
}

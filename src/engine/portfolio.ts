import { positionId, type InstrumentId } from '../core/ids.js';
import { InvalidInputError, quote } from '../core/errors.js';
import { applyFillToAccount, withValues } from '../model/account.js';
import type { Fill } from '../model/order.types.js';
import { applyFillToPosition, emptyPosition } from '../model/position.js';
import type { AccountState, Position } from '../model/position.types.js';

/** Per-instrument book entry: the position (null until the first fill) and the last mark price. */
interface Holding {
  readonly instrumentId: InstrumentId;
  position: Position | null;
  mark: number;
}

/**
 * Cash, positions and marks of one account, kept current in O(1) per event so the engine can mark to market
 * on every bar without allocating: `positionsValue` (Σ quantity × mark) and `grossExposure` (Σ |quantity| ×
 * mark) are updated incrementally by `mark` and recomputed exactly on every fill (bounding rounding drift).
 * Positions net per instrument (long and short); fractional quantities are allowed (the instrument's lot size is enforced where orders are created).
 */
export class Portfolio {
  private accountState: AccountState;
  /** Slot of each instrument in `entries`: callers on the hot path resolve it once and mark by slot. */
  private readonly slots = new Map<InstrumentId, number>();
  private readonly entries: Holding[] = [];
  private positionsValue = 0;
  private exposure = 0;
  private feesPaid = 0;

  constructor(account: AccountState) {
    this.accountState = account;
  }

  /** Books a fill: cash moves by the signed notional and commission; the position nets (VWAP entry, realized P&L). */
  applyFill(fill: Fill): Position {
    const holding = this.entries[this.slot(fill.instrumentId)] as Holding;
    this.remove(holding);
    holding.position = applyFillToPosition(
      holding.position ??
        emptyPosition(
          {
            id: positionId(fill.instrumentId),
            instrumentId: fill.instrumentId,
            accountId: this.accountState.id,
          },
          fill.tsEvent,
        ),
      fill,
    );
    // A fill is also a fresh price for the instrument.
    holding.mark = fill.price;
    this.add(holding);
    this.accountState = applyFillToAccount(this.accountState, fill);
    this.feesPaid += fill.commission;
    this.resync();
    return holding.position;
  }

  /** The instrument's slot (registered on first use), for `markSlot` and `positionAt`. */
  slot(instrumentId: InstrumentId): number {
    let slot = this.slots.get(instrumentId);
    if (slot === undefined) {
      slot = this.entries.length;
      this.entries.push({ instrumentId, position: null, mark: Number.NaN });
      this.slots.set(instrumentId, slot);
    }
    return slot;
  }

  /** Updates an instrument's mark price (e.g. the bar's close). */
  mark(instrumentId: InstrumentId, price: number): void {
    if (!(price > 0) || !Number.isFinite(price)) {
      throw new InvalidInputError(
        `mark price ${quote(price)} for ${quote(instrumentId)} must be a finite number > 0`,
      );
    }
    this.markSlot(this.slot(instrumentId), price);
  }

  /** `mark` by slot, for prices already checked (the backtest engine validates its series up front). */
  markSlot(slot: number, price: number): void {
    const holding = this.entries[slot] as Holding;
    const quantity = holding.position === null ? 0 : holding.position.quantity;
    if (quantity === 0) {
      holding.mark = price;
      return;
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
    return withValues(
      this.accountState,
      this.accountState.cash,
      equity,
      gross,
      leverage,
      Math.max(0, equity * this.accountState.maxLeverage - gross),
      this.accountState.tsLast,
    );
  }

  /** The net position, or null when the instrument was never traded. */
  position(instrumentId: InstrumentId): Position | null {
    const slot = this.slots.get(instrumentId);
    return slot === undefined ? null : this.positionAt(slot);
  }

  positionAt(slot: number): Position | null {
    return (this.entries[slot] as Holding).position;
  }

  /** Positions of every instrument ever traded (flat ones included), in first-trade order of registration. */
  positions(): Position[] {
    const positions: Position[] = [];
    for (const h of this.entries) if (h.position !== null) positions.push(h.position);
    return positions;
  }

  /** The last mark of a traded instrument; null when it was never traded. */
  markPrice(instrumentId: InstrumentId): number | null {
    const slot = this.slots.get(instrumentId);
    if (slot === undefined) return null;
    const holding = this.entries[slot] as Holding;
    return holding.position === null ? null : holding.mark;
  }

  /** Realized P&L (net of commissions) summed over instruments. */
  realizedPnl(): number {
    let total = 0;
    for (const h of this.entries) total += h.position?.realizedPnl ?? 0;
    return total;
  }

  /** Unrealized P&L at the current marks. */
  unrealizedPnl(): number {
    let total = 0;
    for (const h of this.entries) {
      if (h.position !== null) total += h.position.quantity * (h.mark - h.position.averagePrice);
    }
    return total;
  }

  /** Recomputes the running sums exactly; fills are rare, so this bounds rounding drift cheaply. */
  private resync(): void {
    this.positionsValue = 0;
    this.exposure = 0;
    for (const h of this.entries) this.add(h);
  }

  private remove(h: Holding): void {
    if (h.position === null || h.position.quantity === 0) return;
    this.positionsValue -= h.position.quantity * h.mark;
    this.exposure -= Math.abs(h.position.quantity) * h.mark;
  }

  private add(h: Holding): void {
    if (h.position === null || h.position.quantity === 0) return;
    this.positionsValue += h.position.quantity * h.mark;
    this.exposure += Math.abs(h.position.quantity) * h.mark;
  }
}

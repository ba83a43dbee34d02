import type { InstrumentId } from '../../core/ids.js';
import type { Position } from '../../model/position.types.js';
import type { RiskView } from './risk-view.types.js';

const UNRESOLVED = -2;
const UNCLASSIFIED = -1;

/**
 * The portfolio figures the rules share, computed once per portfolio state instead of once per rule and
 * order. Held positions (non-zero quantity) are valued at `view.lastPrice`, or at their average entry price
 * when no price is known yet:
 * - netExposure = Σ quantity × price (signed: shorts count negative),
 * - grossExposure = Σ |quantity| × price,
 * - sector exposure = Σ |quantity| × price over the sector's positions (gross, so a short counts as
 *   concentration too); the sector comes from the configured map, else from `Instrument.sector`.
 * Equity and cash are the account's. `refresh` rebuilds only when something a rule reads changed: the
 * account's cash, equity or gross exposure, a position object (positions are immutable, so a fill replaces
 * the object), or the price of a held instrument. Time alone does not rebuild it (a live clock moves every
 * millisecond; the figures do not). `version` increases on every rebuild, so caches built on a snapshot (the
 * VaR and correlation rules') know when to recompute.
 *
 * Why typed arrays over stable indices rather than Maps rebuilt each time: a rebuild runs on every price
 * update that reaches a check, and clearing and refilling a Map of 50 entries measured ~100 µs in V8 where
 * this layout takes a few (bench/pre-trade.bench.ts). Instruments get a stable index on first sight; a held
 * instrument's slot is valid when its stamp equals `version`.
 */
export class PortfolioSnapshot {
  version = 0;
  cash = Number.NaN;
  equity = Number.NaN;
  accountGross = Number.NaN;
  grossExposure = 0;
  netExposure = 0;
  /** Held positions, slot by slot: ids, signed quantities and the prices they are valued at. */
  count = 0;
  readonly instrumentIds: InstrumentId[] = [];
  quantities = new Float64Array(16);
  prices = new Float64Array(16);
  private indexBySlot = new Int32Array(16);
  private readonly indexById = new Map<InstrumentId, number>();
  private slotByIndex = new Int32Array(16);
  private stampByIndex = new Int32Array(16).fill(-1);
  private sectorByIndex = new Int32Array(16).fill(UNRESOLVED);
  private readonly sectorIndex = new Map<string, number>();
  private readonly sectorNames: string[] = [];
  private sectorTotals = new Float64Array(8);
  private readonly sectorOverrides: ReadonlyMap<string, string>;
  private positionRefs: Position[] = [];
  private refPrices = new Float64Array(16);

  constructor(sectorOverrides: ReadonlyMap<string, string> = new Map()) {
    this.sectorOverrides = sectorOverrides;
  }

  /** Brings the snapshot up to date with the view; returns true when it was rebuilt. */
  refresh(view: RiskView): boolean {
    const account = view.account();
    const positions = view.positions();
    if (
      this.version > 0 &&
      account.cash === this.cash &&
      account.equity === this.equity &&
      account.grossExposure === this.accountGross &&
      this.samePositions(view, positions)
    ) {
      return false;
    }
    this.rebuild(view, positions);
    this.cash = account.cash;
    this.equity = account.equity;
    this.accountGross = account.grossExposure;
    return true;
  }

  /** The slot of a held instrument, or -1 when it is flat / never traded. */
  slotOf(instrumentId: InstrumentId): number {
    const index = this.indexById.get(instrumentId);
    return index !== undefined && this.stampByIndex[index] === this.version
      ? (this.slotByIndex[index] as number)
      : -1;
  }

  /** The signed quantity held (0 when flat). */
  quantityOf(instrumentId: InstrumentId): number {
    const slot = this.slotOf(instrumentId);
    return slot < 0 ? 0 : (this.quantities[slot] as number);
  }

  /** The instrument's sector (configured map first, then `Instrument.sector`), or null when unclassified. */
  sectorOf(instrumentId: InstrumentId, view: RiskView): string | null {
    const sector = this.sectorIndexOf(this.indexOf(instrumentId), instrumentId, view);
    return sector < 0 ? null : (this.sectorNames[sector] as string);
  }

  /** Gross exposure of a sector (0 for a sector nothing held belongs to). */
  sectorExposure(sector: string): number {
    const index = this.sectorIndex.get(sector);
    return index === undefined ? 0 : (this.sectorTotals[index] as number);
  }

  /** Every sector seen so far with its gross exposure now (0 when nothing held is in it). */
  sectors(): [sector: string, exposure: number][] {
    return this.sectorNames.map((name, index) => [name, this.sectorTotals[index] as number]);
  }

  private indexOf(instrumentId: InstrumentId): number {
    let index = this.indexById.get(instrumentId);
    if (index === undefined) {
      index = this.indexById.size;
      this.indexById.set(instrumentId, index);
      if (index >= this.slotByIndex.length) {
        this.slotByIndex = grow(this.slotByIndex, 0);
        this.stampByIndex = grow(this.stampByIndex, -1);
        this.sectorByIndex = grow(this.sectorByIndex, UNRESOLVED);
      }
    }
    return index;
  }

  private sectorIndexOf(index: number, instrumentId: InstrumentId, view: RiskView): number {
    let sector = this.sectorByIndex[index] as number;
    if (sector !== UNRESOLVED) return sector;
    const name = this.sectorOverrides.get(instrumentId) ?? view.instrument(instrumentId)?.sector ?? null;
    if (name === null) {
      sector = UNCLASSIFIED;
    } else {
      sector = this.sectorIndex.get(name) ?? this.sectorNames.length;
      if (sector === this.sectorNames.length) {
        this.sectorIndex.set(name, sector);
        this.sectorNames.push(name);
        if (sector >= this.sectorTotals.length) this.sectorTotals = grow(this.sectorTotals, 0);
      }
    }
    this.sectorByIndex[index] = sector;
    return sector;
  }

  private samePositions(view: RiskView, positions: readonly Position[]): boolean {
    if (positions.length !== this.positionRefs.length) return false;
    for (let i = 0; i < positions.length; i++) {
      const position = positions[i] as Position;
      if (position !== this.positionRefs[i]) return false;
      if (position.quantity !== 0 && markOf(view, position) !== this.refPrices[i]) return false;
    }
    return true;
  }

  private rebuild(view: RiskView, positions: readonly Position[]): void {
    const version = this.version + 1;
    this.instrumentIds.length = 0;
    this.positionRefs = positions.slice();
    if (this.refPrices.length < positions.length) this.refPrices = new Float64Array(positions.length * 2);
    if (this.quantities.length < positions.length) {
      this.quantities = new Float64Array(positions.length * 2);
      this.prices = new Float64Array(positions.length * 2);
      this.indexBySlot = new Int32Array(positions.length * 2);
    }
    let count = 0;
    for (let i = 0; i < positions.length; i++) {
      const position = positions[i] as Position;
      if (position.quantity === 0) continue;
      const price = markOf(view, position);
      this.refPrices[i] = price;
      const index = this.indexOf(position.instrumentId);
      // Netting: one position per instrument; a view that lists one per strategy has them added up.
      let slot: number;
      if (this.stampByIndex[index] === version) {
        slot = this.slotByIndex[index] as number;
      } else {
        slot = count++;
        this.stampByIndex[index] = version;
        this.slotByIndex[index] = slot;
        this.indexBySlot[slot] = index;
        this.instrumentIds.push(position.instrumentId);
        this.quantities[slot] = 0;
      }
      this.quantities[slot] = (this.quantities[slot] as number) + position.quantity;
      this.prices[slot] = price;
    }
    this.sectorTotals.fill(0);
    let gross = 0;
    let net = 0;
    for (let slot = 0; slot < count; slot++) {
      const quantity = this.quantities[slot] as number;
      const price = this.prices[slot] as number;
      const notional = Math.abs(quantity) * price;
      gross += notional;
      net += quantity * price;
      const id = this.instrumentIds[slot] as InstrumentId;
      const sector = this.sectorIndexOf(this.indexBySlot[slot] as number, id, view);
      if (sector >= 0) this.sectorTotals[sector] = (this.sectorTotals[sector] as number) + notional;
    }
    this.count = count;
    this.grossExposure = gross;
    this.netExposure = net;
    this.version = version;
  }
}

/** The price a held position is valued at: the last price, else its average entry price. */
function markOf(view: RiskView, position: Position): number {
  return view.lastPrice(position.instrumentId) ?? position.averagePrice;
}

function grow<T extends Int32Array | Float64Array>(array: T, fill: number): T {
  const larger = new (array.constructor as new (length: number) => T)(array.length * 2);
  larger.set(array);
  larger.fill(fill, array.length);
  return larger;
}

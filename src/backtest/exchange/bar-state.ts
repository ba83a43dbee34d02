import type { InstrumentId } from '../../core/ids.js';
import type { ExchangeBar } from './exchange.types.js';

/**
 * The bar under evaluation, reused across bars (no allocation per bar): its pricing range and volume, its
 * tsEvent, and the timestamps fills carry (at path time 0 and elsewhere). For a same-bar close evaluation
 * (`close` timing) both timestamps are the submission time and `sameBarClose` is true. `active` is false
 * outside an evaluation.
 */
export class EvaluatedBar {
  active = false;
  low = 0;
  high = 0;
  volume = 0;
  tsEvent = 0;
  openTs = 0;
  closeTs = 0;
  sameBarClose = false;

  enterBar(bar: ExchangeBar): void {
    this.enter(bar.low, bar.high, bar.volume, bar.tsEvent, bar.tsEvent, bar.tsClose, false);
  }

  /** The close of a bar seen already, evaluated at submission time `ts`. */
  enterClose(last: LastBar, ts: number): void {
    this.enter(last.low, last.high, last.volume, last.tsEvent, ts, ts, true);
  }

  leave(): void {
    this.active = false;
  }

  private enter(
    low: number,
    high: number,
    volume: number,
    tsEvent: number,
    openTs: number,
    closeTs: number,
    sameBarClose: boolean,
  ): void {
    this.active = true;
    this.low = low;
    this.high = high;
    this.volume = volume;
    this.tsEvent = tsEvent;
    this.openTs = openTs;
    this.closeTs = closeTs;
    this.sameBarClose = sameBarClose;
  }
}

/** The last bar seen for an instrument, copied because the caller may reuse its bar object. */
export interface LastBar {
  tsEvent: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export function copyLastBar(bar: ExchangeBar): LastBar {
  return { tsEvent: bar.tsEvent, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume };
}

export function updateLastBar(last: LastBar, bar: ExchangeBar): void {
  last.tsEvent = bar.tsEvent;
  last.high = bar.high;
  last.low = bar.low;
  last.close = bar.close;
  last.volume = bar.volume;
}

/** The last bar of each instrument; a one-entry cache spares the map lookup while one instrument trades. */
export class LastBars {
  private readonly bars = new Map<InstrumentId, LastBar>();
  private cachedInstrument: InstrumentId | null = null;
  private cachedBar: LastBar | undefined = undefined;

  get(instrumentId: InstrumentId): LastBar | undefined {
    if (instrumentId === this.cachedInstrument) return this.cachedBar;
    const last = this.bars.get(instrumentId);
    if (last !== undefined) {
      this.cachedInstrument = instrumentId;
      this.cachedBar = last;
    }
    return last;
  }

  /** Records the bar as its instrument's last. */
  record(bar: ExchangeBar): void {
    const last = this.get(bar.instrumentId);
    if (last !== undefined) {
      updateLastBar(last, bar);
      return;
    }
    const copy = copyLastBar(bar);
    this.bars.set(bar.instrumentId, copy);
    this.cachedInstrument = bar.instrumentId;
    this.cachedBar = copy;
  }
}

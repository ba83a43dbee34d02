import { HighLowWindow, allocateScratch, slidingHighLow } from './high-low-window.js';
import type { BarLike, StreamingIndicator } from './indicator-support.js';
import { commonLength, integerParameter, outputColumn } from './indicator-support.js';

/**
 * Batch output of `ichimoku`. Index t of every line is bar t. The senkou (leading) spans are UNSHIFTED: the value
 * at t is computed from bars <= t and is drawn `displacement` bars later; the cloud columns hold the spans as
 * drawn at bar t, i.e. cloudSpanA[t] = senkouSpanA[t - displacement] (also computed from bars <= t).
 */
export interface IchimokuOutput {
  readonly tenkanSen: Float64Array;
  readonly kijunSen: Float64Array;
  readonly senkouSpanA: Float64Array;
  readonly senkouSpanB: Float64Array;
  readonly cloudSpanA: Float64Array;
  readonly cloudSpanB: Float64Array;
  /** Bars between the computation of a senkou span and the bar it is drawn at. */
  readonly displacement: number;
}

/** One streaming output (a reused object: copy it to keep it). Fields as in `IchimokuOutput`. */
export interface IchimokuValue {
  readonly tenkanSen: number;
  readonly kijunSen: number;
  readonly senkouSpanA: number;
  readonly senkouSpanB: number;
  /** NaN until `displacement` bars after senkou span A's first value. */
  readonly cloudSpanA: number;
  /** NaN until `displacement` bars after senkou span B's first value. */
  readonly cloudSpanB: number;
}

/**
 * Ichimoku Kinko Hyo (defaults 9, 26, 52, 26). midpoint(n) = (highest high + lowest low) / 2 over the last n
 * bars including t:
 * - tenkan-sen (conversion line) = midpoint(tenkanPeriod), first valid index tenkanPeriod - 1;
 * - kijun-sen (base line) = midpoint(kijunPeriod), first valid index kijunPeriod - 1;
 * - senkou span A = (tenkan + kijun) / 2 and senkou span B = midpoint(senkouBPeriod), valid once their inputs
 *   are, returned UNSHIFTED (as technicalindicators and trading-signals do): charts draw them `displacement`
 *   bars ahead, and shifting them forward inside an array of the same length would drop the last
 *   `displacement` values, which are the ones a strategy needs;
 * - cloudSpanA / cloudSpanB = the spans drawn at bar t (computed at t - displacement): what "price above the
 *   cloud" compares with. No value at index t uses data after t.
 * - The chikou (lagging) span is close[t] drawn at t - displacement; it is the close column itself, so it is not
 *   returned (comparing it with the past at bar t uses only data up to t).
 * Displacement convention: here the span computed at bar t is drawn at bar t + displacement. TradingView's
 * built-in script draws it with offset displacement - 1 (it counts the current bar), so its default cloud
 * (26) corresponds to displacement 25 here.
 * Rolling extremes: van Herk / Gil-Werman blocks in batch, monotonic deques in the stream (both exact).
 * A NaN high/low makes the lines NaN while it is in their window.
 */
export function ichimoku(
  high: Float64Array,
  low: Float64Array,
  tenkanPeriod = 9,
  kijunPeriod = 26,
  senkouBPeriod = 52,
  displacement = 26,
  out?: Omit<IchimokuOutput, 'displacement'>,
): IchimokuOutput {
  checkPeriods(tenkanPeriod, kijunPeriod, senkouBPeriod);
  integerParameter('ichimoku', 'displacement', displacement, 0);
  const n = commonLength('ichimoku', high, low);
  const tenkanSen = outputColumn(n, out?.tenkanSen);
  const kijunSen = outputColumn(n, out?.kijunSen);
  const senkouSpanA = outputColumn(n, out?.senkouSpanA);
  const senkouSpanB = outputColumn(n, out?.senkouSpanB);
  const cloudSpanA = outputColumn(n, out?.cloudSpanA);
  const cloudSpanB = outputColumn(n, out?.cloudSpanB);
  const scratch = allocateScratch(n);
  // The cloud columns serve as the highest / lowest buffers before they receive their own values.
  midpoints(high, low, tenkanPeriod, tenkanSen, cloudSpanA, cloudSpanB, scratch);
  midpoints(high, low, kijunPeriod, kijunSen, cloudSpanA, cloudSpanB, scratch);
  midpoints(high, low, senkouBPeriod, senkouSpanB, cloudSpanA, cloudSpanB, scratch);
  for (let i = 0; i < n; i++) senkouSpanA[i] = (tenkanSen[i]! + kijunSen[i]!) / 2;
  cloudSpanA.fill(Number.NaN);
  cloudSpanB.fill(Number.NaN);
  for (let i = displacement; i < n; i++) {
    cloudSpanA[i] = senkouSpanA[i - displacement]!;
    cloudSpanB[i] = senkouSpanB[i - displacement]!;
  }
  return { tenkanSen, kijunSen, senkouSpanA, senkouSpanB, cloudSpanA, cloudSpanB, displacement };
}

/** midpoint(period) of every bar into `out` (NaN during warm-up), using `highest` / `lowest` as buffers. */
function midpoints(
  high: Float64Array,
  low: Float64Array,
  period: number,
  out: Float64Array,
  highest: Float64Array,
  lowest: Float64Array,
  scratch: [Float64Array, Float64Array, Float64Array, Float64Array],
): void {
  slidingHighLow(high, low, period, highest, lowest, scratch);
  for (let i = 0; i < out.length; i++) out[i] = (highest[i]! + lowest[i]!) / 2;
}

function checkPeriods(tenkanPeriod: number, kijunPeriod: number, senkouBPeriod: number): void {
  integerParameter('ichimoku', 'tenkanPeriod', tenkanPeriod, 1);
  integerParameter('ichimoku', 'kijunPeriod', kijunPeriod, 1);
  integerParameter('ichimoku', 'senkouBPeriod', senkouBPeriod, 1);
}

/**
 * Streaming twin of `ichimoku`: O(1) amortized per bar, same numbers. Returns null until tenkan, kijun and both
 * senkou spans are valid (bar max(periods) - 1); the cloud fields stay NaN for `displacement` bars more.
 */
export class IchimokuStream implements StreamingIndicator<BarLike, IchimokuValue> {
  private readonly state: IchimokuState;
  private readonly displacement: number;
  private readonly pastSpanA: Float64Array;
  private readonly pastSpanB: Float64Array;
  private position = 0;
  private stored = 0;
  private readonly value = {
    tenkanSen: Number.NaN,
    kijunSen: Number.NaN,
    senkouSpanA: Number.NaN,
    senkouSpanB: Number.NaN,
    cloudSpanA: Number.NaN,
    cloudSpanB: Number.NaN,
  };

  constructor(tenkanPeriod = 9, kijunPeriod = 26, senkouBPeriod = 52, displacement = 26) {
    this.state = new IchimokuState(tenkanPeriod, kijunPeriod, senkouBPeriod);
    this.displacement = integerParameter('ichimoku', 'displacement', displacement, 0);
    this.pastSpanA = new Float64Array(displacement);
    this.pastSpanB = new Float64Array(displacement);
  }

  get isReady(): boolean {
    return this.state.isReady;
  }

  update(bar: BarLike): IchimokuValue | null {
    const state = this.state;
    state.push(bar.high, bar.low);
    let cloudSpanA = state.senkouSpanA;
    let cloudSpanB = state.senkouSpanB;
    if (this.displacement > 0) {
      // The ring holds the spans of the last `displacement` bars; its oldest slot is the one drawn now.
      const slot = this.position;
      const full = this.stored === this.displacement;
      cloudSpanA = full ? this.pastSpanA[slot]! : Number.NaN;
      cloudSpanB = full ? this.pastSpanB[slot]! : Number.NaN;
      this.pastSpanA[slot] = state.senkouSpanA;
      this.pastSpanB[slot] = state.senkouSpanB;
      this.position = slot + 1 === this.displacement ? 0 : slot + 1;
      if (!full) this.stored++;
    }
    if (!state.isReady) return null;
    const value = this.value;
    value.tenkanSen = state.tenkanSen;
    value.kijunSen = state.kijunSen;
    value.senkouSpanA = state.senkouSpanA;
    value.senkouSpanB = state.senkouSpanB;
    value.cloudSpanA = cloudSpanA;
    value.cloudSpanB = cloudSpanB;
    return value;
  }

  reset(): void {
    this.state.reset();
    this.position = 0;
    this.stored = 0;
  }
}

/** The unshifted lines as O(1) amortized state for the stream (same operations as the batch kernel). */
class IchimokuState {
  tenkanSen = Number.NaN;
  kijunSen = Number.NaN;
  senkouSpanA = Number.NaN;
  senkouSpanB = Number.NaN;
  private readonly tenkan: HighLowWindow;
  private readonly kijun: HighLowWindow;
  private readonly senkouB: HighLowWindow;

  constructor(tenkanPeriod: number, kijunPeriod: number, senkouBPeriod: number) {
    checkPeriods(tenkanPeriod, kijunPeriod, senkouBPeriod);
    this.tenkan = new HighLowWindow(tenkanPeriod);
    this.kijun = new HighLowWindow(kijunPeriod);
    this.senkouB = new HighLowWindow(senkouBPeriod);
  }

  get isReady(): boolean {
    return this.tenkan.isFull && this.kijun.isFull && this.senkouB.isFull;
  }

  push(high: number, low: number): void {
    const tenkan = this.tenkan;
    const kijun = this.kijun;
    const senkouB = this.senkouB;
    this.tenkanSen = tenkan.push(high, low) ? (tenkan.highest + tenkan.lowest) / 2 : Number.NaN;
    this.kijunSen = kijun.push(high, low) ? (kijun.highest + kijun.lowest) / 2 : Number.NaN;
    this.senkouSpanA = (this.tenkanSen + this.kijunSen) / 2;
    this.senkouSpanB = senkouB.push(high, low) ? (senkouB.highest + senkouB.lowest) / 2 : Number.NaN;
  }

  reset(): void {
    this.tenkan.reset();
    this.kijun.reset();
    this.senkouB.reset();
    this.tenkanSen = Number.NaN;
    this.kijunSen = Number.NaN;
    this.senkouSpanA = Number.NaN;
    this.senkouSpanB = Number.NaN;
  }
}

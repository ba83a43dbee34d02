/**
 * The assumed price path inside an OHLC bar, used to decide whether and where resting orders trade.
 *
 * Rule: open → nearer extreme → farther extreme → close, moving in straight lines between the four points.
 * The nearer extreme is the high when `high - open < open - low`, the low when `open - low < high - open`.
 * On a tie the bar's direction decides: a bar that closed at or above its open is taken to have dipped first
 * (open → low → high → close), a bar that closed below its open to have rallied first (open → high → low →
 * close). A point in the path is a "path time" in [0, 3]: 0 the open, 1 the first extreme, 2 the second, 3
 * the close; between two integers the price is interpolated linearly, so the path is continuous and
 * visits every price in [low, high].
 *
 * A degenerate path (`resetPoint`) is a single price at every time: the close of a bar seen already, used by
 * the `close` fill timing to evaluate an order against the decision bar's close only.
 *
 * The object is reused across bars (ARCHITECTURE §7): `reset` overwrites its four points.
 */
export class IntrabarPath {
  private p0 = 0;
  private p1 = 0;
  private p2 = 0;
  private p3 = 0;

  reset(open: number, high: number, low: number, close: number): void {
    const distanceToHigh = high - open;
    const distanceToLow = open - low;
    const lowFirst = distanceToLow === distanceToHigh ? close >= open : distanceToLow < distanceToHigh;
    this.p0 = open;
    this.p1 = lowFirst ? low : high;
    this.p2 = lowFirst ? high : low;
    this.p3 = close;
  }

  resetPoint(price: number): void {
    this.p0 = price;
    this.p1 = price;
    this.p2 = price;
    this.p3 = price;
  }

  /** The path's k-th point, k in 0..3. */
  point(k: number): number {
    return k <= 0 ? this.p0 : k === 1 ? this.p1 : k === 2 ? this.p2 : this.p3;
  }

  /** Price at path time t in [0, 3]: `p[k] + (p[k+1] - p[k]) * (t - k)` with k = floor(t). */
  priceAt(time: number): number {
    if (time >= 3) return this.p3;
    const k = Math.floor(time);
    const start = this.point(k);
    const fraction = time - k;
    return fraction === 0 ? start : start + (this.point(k + 1) - start) * fraction;
  }

  /**
   * The first time in [from, to] at which the price is at or below (`below`) or at or above (`above`) the
   * level, and the price there: the price at `from` when it already satisfies the condition (a gap through
   * the level), else the level itself, reached by the continuous path. Null when the window never reaches it.
   */
  firstTouch(from: number, to: number, level: number, direction: 'below' | 'above'): Touch | null {
    let time = from;
    let price = this.priceAt(from);
    if (satisfies(price, level, direction)) return { time, price, atStart: true };
    while (time < to) {
      const end = Math.min(Math.floor(time) + 1, to);
      const endPrice = this.priceAt(end);
      if (satisfies(endPrice, level, direction)) {
        // endPrice differs from price here: the start of the segment did not satisfy the condition.
        const crossing = time + ((level - price) / (endPrice - price)) * (end - time);
        return { time: crossing, price: level, atStart: false };
      }
      time = end;
      price = endPrice;
    }
    return null;
  }
}

/** Where an order's price condition is first met on the path. */
export interface Touch {
  readonly time: number;
  readonly price: number;
  /** True when the condition already held at the start of the window (the price gapped through the level). */
  readonly atStart: boolean;
}

function satisfies(price: number, level: number, direction: 'below' | 'above'): boolean {
  return direction === 'below' ? price <= level : price >= level;
}

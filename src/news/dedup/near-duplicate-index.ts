/**
 * An in-memory index of 64-bit SimHashes that finds every stored one within a Hamming distance
 * `maxDistance` of a query and published in a time range, without comparing against every entry.
 *
 * The 64 bits are cut into B bands. If two SimHashes differ in at most k bits, then by the pigeonhole
 * principle some band differs in at most r bits whenever B·(r + 1) > k. Each band keeps a bucket per value (a
 * chained hash table in typed arrays); a query probes, in every band, each value within r bits of its own and
 * checks the full distance of the entries found. Recall is therefore exact: every entry within k bits is
 * examined. An entry found through several bands is reported once (in the first band that finds it).
 *
 * Layouts: k <= 3: 4 bands of 16 bits, r = 0 (1 probe per band); k <= 7: 4 × 16 bits, r = 1 (17 probes per
 * band); k <= 11: 6 bands of 11, 11 and 10 bits in each 32-bit half, r = 1 (12 or 11 probes per band). The
 * 6-band layout reaches 11 bits with 70 probes where 4 bands would need 4 × 137; its buckets are 32 times
 * fuller, which costs little while the index holds one window of articles (tens of thousands).
 *
 * Chains hold the newest entry first. While entries are added in publication order (a batch sorted by time),
 * a walk stops at the first entry older than the range, so a query only pays for the entries in its window.
 */
import { InvalidInputError, quote } from '../../core/errors.js';
import { hammingDistance, popcount32 } from './simhash.js';

/** Beyond 11 bits the 64 bits would need 8-bit bands, whose buckets hold 1/256 of all entries each. */
export const MAX_INDEXED_DISTANCE = 11;

interface Layout {
  /** Per band: bit offset in its half, width, and radius r. Bands [0, half) cut the low half. */
  readonly shifts: readonly number[];
  readonly widths: readonly number[];
  readonly radius: number;
}

function layoutFor(maxDistance: number): Layout {
  if (maxDistance <= 7)
    return { shifts: [0, 16, 0, 16], widths: [16, 16, 16, 16], radius: maxDistance > 3 ? 1 : 0 };
  return { shifts: [0, 11, 22, 0, 11, 22], widths: [11, 11, 10, 11, 11, 10], radius: 1 };
}

export class NearDuplicateIndex {
  readonly maxDistance: number;
  private readonly bands: number;
  private readonly shifts: Int32Array;
  private readonly masks: Int32Array;
  private readonly offsets: Int32Array;
  private readonly radius: number;
  /** Probe masks per band (bands of equal width share one array). */
  private readonly probes: Uint16Array[];
  private readonly heads: Int32Array;
  private next: Int32Array;
  private highs: Uint32Array;
  private lows: Uint32Array;
  private times: Float64Array;
  private count = 0;
  private ordered = true;
  private found = new Int32Array(64);
  private foundDistances = new Uint8Array(64);

  constructor(maxDistance: number, initialCapacity = 1024) {
    if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > MAX_INDEXED_DISTANCE) {
      throw new InvalidInputError(
        `maxDistance ${quote(maxDistance)} must be an integer in [0, ${MAX_INDEXED_DISTANCE}]`,
      );
    }
    this.maxDistance = maxDistance;
    const layout = layoutFor(maxDistance);
    this.bands = layout.widths.length;
    this.radius = layout.radius;
    this.shifts = Int32Array.from(layout.shifts);
    this.masks = Int32Array.from(layout.widths, (width) => (1 << width) - 1);
    this.offsets = new Int32Array(this.bands);
    let total = 0;
    layout.widths.forEach((width, band) => {
      this.offsets[band] = total;
      total += 1 << width;
    });
    this.heads = new Int32Array(total).fill(-1);
    const byWidth = new Map<number, Uint16Array>();
    this.probes = layout.widths.map((width) => {
      let masks = byWidth.get(width);
      if (masks === undefined) byWidth.set(width, (masks = probeMasks(width, this.radius)));
      return masks;
    });
    const capacity = Math.max(16, initialCapacity);
    this.next = new Int32Array(this.bands * capacity);
    this.highs = new Uint32Array(capacity);
    this.lows = new Uint32Array(capacity);
    this.times = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Adds a SimHash; returns its entry number (0, 1, 2... in order of adding). */
  add(high: number, low: number, publishedAt: number): number {
    if (this.count === this.highs.length) this.grow();
    const entry = this.count++;
    if (entry > 0 && publishedAt < (this.times[entry - 1] as number)) this.ordered = false;
    this.highs[entry] = high;
    this.lows[entry] = low;
    this.times[entry] = publishedAt;
    for (let band = 0; band < this.bands; band++) {
      const slot = (this.offsets[band] as number) + this.bandValue(high, low, band);
      this.next[entry * this.bands + band] = this.heads[slot] as number;
      this.heads[slot] = entry;
    }
    return entry;
  }

  /**
   * Finds the entries at most `maxDistance` bits from (high, low) and published in [from, to]; returns how
   * many, readable through `candidate(k)` and `candidateDistance(k)` until the next search.
   */
  search(high: number, low: number, from: number, to: number): number {
    let found = 0;
    const { heads, next, highs, lows, times, ordered, bands, maxDistance } = this;
    for (let band = 0; band < bands; band++) {
      const value = this.bandValue(high, low, band);
      const offset = this.offsets[band] as number;
      const probes = this.probes[band] as Uint16Array;
      for (let p = 0; p < probes.length; p++) {
        let entry = heads[offset + (value ^ (probes[p] as number))] as number;
        while (entry >= 0) {
          const time = times[entry] as number;
          if (time < from && ordered) break;
          const entryHigh = highs[entry] as number;
          const entryLow = lows[entry] as number;
          // The distance first: it rejects most entries of a bucket, before the costlier checks.
          const distance = hammingDistance(high, low, entryHigh, entryLow);
          if (
            distance <= maxDistance &&
            time >= from &&
            time <= to &&
            !this.foundInEarlierBand(high, low, entryHigh, entryLow, band)
          ) {
            if (found === this.found.length) this.growFound();
            this.found[found] = entry;
            this.foundDistances[found] = distance;
            found++;
          }
          entry = next[entry * bands + band] as number;
        }
      }
    }
    return found;
  }

  /** Entry number of the k-th result of the last search. */
  candidate(k: number): number {
    return this.found[k] as number;
  }

  /** Hamming distance of the k-th result of the last search. */
  candidateDistance(k: number): number {
    return this.foundDistances[k] as number;
  }

  /** Hamming distance between entry `entry` and (high, low). */
  distanceTo(entry: number, high: number, low: number): number {
    return hammingDistance(high, low, this.highs[entry] as number, this.lows[entry] as number);
  }

  publishedAt(entry: number): number {
    return this.times[entry] as number;
  }

  private bandValue(high: number, low: number, band: number): number {
    const half = band < this.bands >> 1 ? low : high;
    return (half >>> (this.shifts[band] as number)) & (this.masks[band] as number);
  }

  /** Whether a band before `band` is within the radius: that band's probes reached the entry already. */
  private foundInEarlierBand(
    high: number,
    low: number,
    entryHigh: number,
    entryLow: number,
    band: number,
  ): boolean {
    for (let earlier = 0; earlier < band; earlier++) {
      const difference = this.bandValue(high, low, earlier) ^ this.bandValue(entryHigh, entryLow, earlier);
      if (popcount32(difference) <= this.radius) return true;
    }
    return false;
  }

  private grow(): void {
    const capacity = this.highs.length * 2;
    this.next = resized(this.next, this.bands * capacity);
    this.highs = resized(this.highs, capacity);
    this.lows = resized(this.lows, capacity);
    this.times = resized(this.times, capacity);
  }

  private growFound(): void {
    this.found = resized(this.found, this.found.length * 2);
    this.foundDistances = resized(this.foundDistances, this.foundDistances.length * 2);
  }
}

function resized<T extends Int32Array | Uint32Array | Float64Array | Uint8Array>(
  array: T,
  length: number,
): T {
  const copy = new (array.constructor as new (length: number) => T)(length);
  copy.set(array);
  return copy;
}

/** Every `width`-bit mask with at most `radius` bits set, by number of bits then value (0 first). */
function probeMasks(width: number, radius: number): Uint16Array {
  const masks: number[] = [];
  for (let mask = 0; mask < 1 << width; mask++) if (popcount32(mask) <= radius) masks.push(mask);
  return Uint16Array.from(masks.sort((a, b) => popcount32(a) - popcount32(b) || a - b));
}

/**
 * Title fingerprints for near-duplicate detection.
 *
 * A fingerprint holds the 64-bit SimHash (Charikar 2002) of the title's distinct words, each hashed with
 * FNV-1a 64: bit b is 1 when more words have bit b set than clear. Similar word sets give fingerprints a small
 * Hamming distance apart (expected 64·θ/π for the angle θ between the two word vectors), so the SimHash
 * finds candidates fast through a banded index. It also holds the sorted word hashes themselves, against
 * which a candidate is confirmed by Jaccard similarity.
 *
 * Why words and not the word 2-3-grams first planned: replacing one word of a 10-word title changes 5 of its
 * 17 bigrams and trigrams, which moves a SimHash over them by about 14 bits on average (measured over 5,000
 * random titles), beyond what a banded index searches cheaply; over distinct words the same edit moves it
 * about 8 bits, and reordering the words not at all. Headlines are short: even over words, SimHash alone
 * finds only part of the edited copies, which is why NearDuplicateFinder adds a word-set index.
 */
import { fnv1a64, hex32 } from './fnv1a64.js';

export interface TitleFingerprint {
  /** SimHash bits 63..32, unsigned. */
  readonly high: number;
  /** SimHash bits 31..0, unsigned. */
  readonly low: number;
  /** The distinct words as 32-bit hashes (the low half of their FNV-1a 64), ascending. */
  readonly words: Uint32Array;
}

/**
 * Function words carry no story: left in, they make every headline's SimHash lean the same way (crowding the
 * index's buckets) and lift the Jaccard similarity of unrelated titles. Their FNV-1a 64 low halves are
 * skipped.
 */
const STOP_WORDS = (
  'a an the and or but nor of to in on at by for from with as into onto over under about than then' +
  ' so if is are was were be been being has have had do does did will would can could may might' +
  ' should shall it its this that these those he she they we you his her their our your who whom' +
  ' which what after before amid says said up out off'
).split(' ');
const stopHashes: ReadonlySet<number> = new Set(STOP_WORDS.map((word) => wordHash(word)));

const counts = new Int32Array(64);
const hash = new Uint32Array(2);
let scratchHighs = new Uint32Array(64);
let scratchLows = new Uint32Array(64);
let scratchWords = new Uint32Array(64);
let scratchOrder = new Int32Array(64);

/**
 * The fingerprint of a title normalised by `normalizeTitle` (lower case, words separated by single spaces).
 * An empty title has SimHash 0 and no words.
 */
export function titleFingerprint(normalizedTitle: string): TitleFingerprint {
  const text = normalizedTitle;
  let wordCount = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text.charCodeAt(i) !== 32) continue;
    if (i > start) {
      fnv1a64(text, hash, start, i);
      if (stopHashes.has(hash[1] as number)) {
        start = i + 1;
        continue;
      }
      if (wordCount === scratchLows.length) growScratch();
      scratchHighs[wordCount] = hash[0] as number;
      scratchLows[wordCount] = hash[1] as number;
      wordCount++;
    }
    start = i + 1;
  }
  // Distinct words: sort the low halves with their high halves, skip repeats (a 32-bit clash of two
  // different words in one title is a 1-in-4-billion event per pair, and would only merge them as one word).
  const order = sortedOrder(wordCount);
  let distinct = 0;
  counts.fill(0);
  for (let k = 0; k < wordCount; k++) {
    const index = order[k] as number;
    const low = scratchLows[index] as number;
    if (distinct > 0 && scratchWords[distinct - 1] === low) continue;
    scratchWords[distinct++] = low;
    addFeature(scratchHighs[index] as number, 32);
    addFeature(low, 0);
  }
  let high = 0;
  let low = 0;
  for (let bit = 0; bit < 32; bit++) {
    if ((counts[bit] as number) > 0) low |= 1 << bit;
    if ((counts[bit + 32] as number) > 0) high |= 1 << bit;
  }
  return { high: high >>> 0, low: low >>> 0, words: scratchWords.slice(0, distinct) };
}

function wordHash(word: string): number {
  const out = new Uint32Array(2);
  fnv1a64(word, out);
  return out[1] as number;
}

function growScratch(): void {
  const highs = new Uint32Array(scratchHighs.length * 2);
  highs.set(scratchHighs);
  scratchHighs = highs;
  const lows = new Uint32Array(scratchLows.length * 2);
  lows.set(scratchLows);
  scratchLows = lows;
  scratchWords = new Uint32Array(lows.length);
  scratchOrder = new Int32Array(lows.length);
}

/** Indices 0..count-1 ordered by their low half (insertion sort: titles have a dozen words). */
function sortedOrder(count: number): Int32Array {
  const order = scratchOrder;
  for (let i = 0; i < count; i++) {
    const value = scratchLows[i] as number;
    let j = i - 1;
    while (j >= 0 && (scratchLows[order[j] as number] as number) > value) {
      order[j + 1] = order[j] as number;
      j--;
    }
    order[j + 1] = i;
  }
  return order;
}

function addFeature(half: number, offset: number): void {
  for (let bit = 0; bit < 32; bit++) {
    counts[offset + bit] = (counts[offset + bit] as number) + ((half >>> bit) & 1) * 2 - 1;
  }
}

/**
 * Jaccard similarity |A ∩ B| / |A ∪ B| of two ascending word-hash sets, in [0, 1]; 0 when both are empty.
 */
export function wordSimilarity(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) {
      i++;
    } else {
      j++;
    }
  }
  const union = a.length + b.length - shared;
  return union === 0 ? 0 : shared / union;
}

/** Number of differing bits between two SimHashes (0-64). */
export function hammingDistance(aHigh: number, aLow: number, bHigh: number, bLow: number): number {
  return popcount32(aHigh ^ bHigh) + popcount32(aLow ^ bLow);
}

/** Set bits of a 32-bit integer (SWAR popcount). */
export function popcount32(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** A SimHash as the 16 lower-case hex digits stored and shown. */
export function simHashToHex(high: number, low: number): string {
  return hex32(high) + hex32(low);
}
